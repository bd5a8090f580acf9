// The one Mustache instance templates use. Its parse cache is off: previews
// render any template a caller sends, and a cache keyed by template text
// would grow without bound; parsing a message template is cheap.
import Mustache from 'mustache';

Mustache.templateCache = undefined;

export { Mustache };
