/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const tandem = $root.tandem = (() => {

    /**
     * Namespace tandem.
     * @exports tandem
     * @namespace
     */
    const tandem = {};

    tandem.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof tandem
         * @namespace
         */
        const v1 = {};

        v1.Frame = (function() {

            /**
             * Properties of a Frame.
             * @typedef {Object} tandem.v1.Frame.$Properties
             * @property {number|null} [seq] Frame seq
             * @property {tandem.v1.Hello.$Properties|null} [hello] Frame hello
             * @property {tandem.v1.Welcome.$Properties|null} [welcome] Frame welcome
             * @property {tandem.v1.Report.$Properties|null} [report] Frame report
             * @property {tandem.v1.Ack.$Properties|null} [ack] Frame ack
             * @property {tandem.v1.Heartbeat.$Properties|null} [heartbeat] Frame heartbeat
             * @property {tandem.v1.Error.$Properties|null} [error] Frame error
             * @property {tandem.v1.Gap.$Properties|null} [gap] Frame gap
             * @property {tandem.v1.Policy.$Properties|null} [policy] Frame policy
             * @property {tandem.v1.Goodbye.$Properties|null} [goodbye] Frame goodbye
             * @property {"hello"|"welcome"|"report"|"ack"|"heartbeat"|"error"|"gap"|"policy"|"goodbye"} [body] Frame body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Frame.
             * @memberof tandem.v1
             * @interface IFrame
             * @augments tandem.v1.Frame.$Properties
             * @deprecated Use tandem.v1.Frame.$Properties instead.
             */

            /**
             * Narrowed shape of a Frame.
             * @typedef {{
             *   seq?: number|null;
             *   hello?: tandem.v1.Hello.$Shape|null;
             *   welcome?: tandem.v1.Welcome.$Shape|null;
             *   report?: tandem.v1.Report.$Shape|null;
             *   ack?: tandem.v1.Ack.$Shape|null;
             *   heartbeat?: tandem.v1.Heartbeat.$Shape|null;
             *   error?: tandem.v1.Error.$Shape|null;
             *   gap?: tandem.v1.Gap.$Shape|null;
             *   policy?: tandem.v1.Policy.$Shape|null;
             *   goodbye?: tandem.v1.Goodbye.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "hello"; hello: tandem.v1.Hello.$Shape; welcome?: null; report?: null; ack?: null; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "welcome"; hello?: null; welcome: tandem.v1.Welcome.$Shape; report?: null; ack?: null; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "report"; hello?: null; welcome?: null; report: tandem.v1.Report.$Shape; ack?: null; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "ack"; hello?: null; welcome?: null; report?: null; ack: tandem.v1.Ack.$Shape; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "heartbeat"; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat: tandem.v1.Heartbeat.$Shape; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "error"; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat?: null; error: tandem.v1.Error.$Shape; gap?: null; policy?: null; goodbye?: null }|{ body?: "gap"; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat?: null; error?: null; gap: tandem.v1.Gap.$Shape; policy?: null; goodbye?: null }|{ body?: "policy"; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat?: null; error?: null; gap?: null; policy: tandem.v1.Policy.$Shape; goodbye?: null }|{ body?: "goodbye"; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye: tandem.v1.Goodbye.$Shape })
             * )} tandem.v1.Frame.$Shape
             */

            /**
             * Constructs a new Frame.
             * @memberof tandem.v1
             * @classdesc Represents a Frame.
             * @constructor
             * @param {tandem.v1.Frame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Frame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Frame seq.
             * @member {number} seq
             * @memberof tandem.v1.Frame
             * @instance
             */
            Frame.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Frame hello.
             * @member {tandem.v1.Hello.$Properties|null|undefined} hello
             * @memberof tandem.v1.Frame
             * @instance
             */
            Frame.prototype.hello = null;

            /**
             * Frame welcome.
             * @member {tandem.v1.Welcome.$Properties|null|undefined} welcome
             * @memberof tandem.v1.Frame
             * @instance
             */
            Frame.prototype.welcome = null;

            /**
             * Frame report.
             * @member {tandem.v1.Report.$Properties|null|undefined} report
             * @memberof tandem.v1.Frame
             * @instance
             */
            Frame.prototype.report = null;

            /**
             * Frame ack.
             * @member {tandem.v1.Ack.$Properties|null|undefined} ack
             * @memberof tandem.v1.Frame
             * @instance
             */
            Frame.prototype.ack = null;

            /**
             * Frame heartbeat.
             * @member {tandem.v1.Heartbeat.$Properties|null|undefined} heartbeat
             * @memberof tandem.v1.Frame
             * @instance
             */
            Frame.prototype.heartbeat = null;

            /**
             * Frame error.
             * @member {tandem.v1.Error.$Properties|null|undefined} error
             * @memberof tandem.v1.Frame
             * @instance
             */
            Frame.prototype.error = null;

            /**
             * Frame gap.
             * @member {tandem.v1.Gap.$Properties|null|undefined} gap
             * @memberof tandem.v1.Frame
             * @instance
             */
            Frame.prototype.gap = null;

            /**
             * Frame policy.
             * @member {tandem.v1.Policy.$Properties|null|undefined} policy
             * @memberof tandem.v1.Frame
             * @instance
             */
            Frame.prototype.policy = null;

            /**
             * Frame goodbye.
             * @member {tandem.v1.Goodbye.$Properties|null|undefined} goodbye
             * @memberof tandem.v1.Frame
             * @instance
             */
            Frame.prototype.goodbye = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Frame body.
             * @member {"hello"|"welcome"|"report"|"ack"|"heartbeat"|"error"|"gap"|"policy"|"goodbye"|undefined} body
             * @memberof tandem.v1.Frame
             * @instance
             */
            $Object.defineProperty(Frame.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "welcome", "report", "ack", "heartbeat", "error", "gap", "policy", "goodbye"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Frame instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Frame
             * @static
             * @param {tandem.v1.Frame.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Frame} Frame instance
             * @type {{
             *   (properties: tandem.v1.Frame.$Shape): tandem.v1.Frame & tandem.v1.Frame.$Shape;
             *   (properties?: tandem.v1.Frame.$Properties): tandem.v1.Frame;
             * }}
             */
            Frame.create = function(properties) {
                return new Frame(properties);
            };

            /**
             * Encodes the specified Frame message. Does not implicitly {@link tandem.v1.Frame.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Frame
             * @static
             * @param {tandem.v1.Frame.$Properties} message Frame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Frame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.seq);
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                    $root.tandem.v1.Hello.encode(message.hello, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.welcome != null && $Object.hasOwnProperty.call(message, "welcome"))
                    $root.tandem.v1.Welcome.encode(message.welcome, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.report != null && $Object.hasOwnProperty.call(message, "report"))
                    $root.tandem.v1.Report.encode(message.report, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack"))
                    $root.tandem.v1.Ack.encode(message.ack, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat"))
                    $root.tandem.v1.Heartbeat.encode(message.heartbeat, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.tandem.v1.Error.encode(message.error, writer.uint32(/* id 15, wireType 2 =*/122).fork(), _depth + 1).ldelim();
                if (message.gap != null && $Object.hasOwnProperty.call(message, "gap"))
                    $root.tandem.v1.Gap.encode(message.gap, writer.uint32(/* id 16, wireType 2 =*/130).fork(), _depth + 1).ldelim();
                if (message.policy != null && $Object.hasOwnProperty.call(message, "policy"))
                    $root.tandem.v1.Policy.encode(message.policy, writer.uint32(/* id 17, wireType 2 =*/138).fork(), _depth + 1).ldelim();
                if (message.goodbye != null && $Object.hasOwnProperty.call(message, "goodbye"))
                    $root.tandem.v1.Goodbye.encode(message.goodbye, writer.uint32(/* id 18, wireType 2 =*/146).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Frame message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Frame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Frame & tandem.v1.Frame.$Shape} Frame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Frame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Frame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.hello = $root.tandem.v1.Hello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                            message.body = "hello";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.welcome = $root.tandem.v1.Welcome.decode(reader, reader.size(), $undefined, _depth + 1, message.welcome);
                            message.body = "welcome";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.report = $root.tandem.v1.Report.decode(reader, reader.size(), $undefined, _depth + 1, message.report);
                            message.body = "report";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.ack = $root.tandem.v1.Ack.decode(reader, reader.size(), $undefined, _depth + 1, message.ack);
                            message.body = "ack";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            message.heartbeat = $root.tandem.v1.Heartbeat.decode(reader, reader.size(), $undefined, _depth + 1, message.heartbeat);
                            message.body = "heartbeat";
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.tandem.v1.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.body = "error";
                            continue;
                        }
                    case 16: {
                            if (wireType !== 2)
                                break;
                            message.gap = $root.tandem.v1.Gap.decode(reader, reader.size(), $undefined, _depth + 1, message.gap);
                            message.body = "gap";
                            continue;
                        }
                    case 17: {
                            if (wireType !== 2)
                                break;
                            message.policy = $root.tandem.v1.Policy.decode(reader, reader.size(), $undefined, _depth + 1, message.policy);
                            message.body = "policy";
                            continue;
                        }
                    case 18: {
                            if (wireType !== 2)
                                break;
                            message.goodbye = $root.tandem.v1.Goodbye.decode(reader, reader.size(), $undefined, _depth + 1, message.goodbye);
                            message.body = "goodbye";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Frame
             * @function getTypeUrl
             * @memberof tandem.v1.Frame
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Frame.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Frame";
            };

            return Frame;
        })();

        v1.Hello = (function() {

            /**
             * Properties of a Hello.
             * @typedef {Object} tandem.v1.Hello.$Properties
             * @property {string|null} [deviceId] Hello deviceId
             * @property {string|null} [agentVersion] Hello agentVersion
             * @property {string|null} [protocolVersion] Hello protocolVersion
             * @property {number|null} [lastSeq] Hello lastSeq
             * @property {string|null} [hostname] Hello hostname
             * @property {string|null} [os] Hello os
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hello.
             * @memberof tandem.v1
             * @interface IHello
             * @augments tandem.v1.Hello.$Properties
             * @deprecated Use tandem.v1.Hello.$Properties instead.
             */

            /**
             * Shape of a Hello.
             * @typedef {tandem.v1.Hello.$Properties} tandem.v1.Hello.$Shape
             */

            /**
             * Constructs a new Hello.
             * @memberof tandem.v1
             * @classdesc Represents a Hello.
             * @constructor
             * @param {tandem.v1.Hello.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Hello = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Hello deviceId.
             * @member {string} deviceId
             * @memberof tandem.v1.Hello
             * @instance
             */
            Hello.prototype.deviceId = "";

            /**
             * Hello agentVersion.
             * @member {string} agentVersion
             * @memberof tandem.v1.Hello
             * @instance
             */
            Hello.prototype.agentVersion = "";

            /**
             * Hello protocolVersion.
             * @member {string} protocolVersion
             * @memberof tandem.v1.Hello
             * @instance
             */
            Hello.prototype.protocolVersion = "";

            /**
             * Hello lastSeq.
             * @member {number} lastSeq
             * @memberof tandem.v1.Hello
             * @instance
             */
            Hello.prototype.lastSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Hello hostname.
             * @member {string} hostname
             * @memberof tandem.v1.Hello
             * @instance
             */
            Hello.prototype.hostname = "";

            /**
             * Hello os.
             * @member {string} os
             * @memberof tandem.v1.Hello
             * @instance
             */
            Hello.prototype.os = "";

            /**
             * Creates a new Hello instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Hello
             * @static
             * @param {tandem.v1.Hello.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Hello} Hello instance
             * @type {{
             *   (properties: tandem.v1.Hello.$Shape): tandem.v1.Hello & tandem.v1.Hello.$Shape;
             *   (properties?: tandem.v1.Hello.$Properties): tandem.v1.Hello;
             * }}
             */
            Hello.create = function(properties) {
                return new Hello(properties);
            };

            /**
             * Encodes the specified Hello message. Does not implicitly {@link tandem.v1.Hello.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Hello
             * @static
             * @param {tandem.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.deviceId);
                if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion") && message.agentVersion !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.agentVersion);
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.protocolVersion);
                if (message.lastSeq != null && $Object.hasOwnProperty.call(message, "lastSeq") && (typeof message.lastSeq === "object" ? message.lastSeq.low || message.lastSeq.high : message.lastSeq !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.lastSeq);
                if (message.hostname != null && $Object.hasOwnProperty.call(message, "hostname") && message.hostname !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.hostname);
                if (message.os != null && $Object.hasOwnProperty.call(message, "os") && message.os !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.os);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Hello & tandem.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Hello();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.agentVersion = value;
                            else
                                delete message.agentVersion;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.protocolVersion = value;
                            else
                                delete message.protocolVersion;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.lastSeq = value;
                            else
                                delete message.lastSeq;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.hostname = value;
                            else
                                delete message.hostname;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.os = value;
                            else
                                delete message.os;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Hello
             * @function getTypeUrl
             * @memberof tandem.v1.Hello
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Hello.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Hello";
            };

            return Hello;
        })();

        v1.Welcome = (function() {

            /**
             * Properties of a Welcome.
             * @typedef {Object} tandem.v1.Welcome.$Properties
             * @property {string|null} [collectorVersion] Welcome collectorVersion
             * @property {string|null} [protocolVersion] Welcome protocolVersion
             * @property {number|null} [lastCommittedSeq] Welcome lastCommittedSeq
             * @property {number|null} [heartbeatIntervalSeconds] Welcome heartbeatIntervalSeconds
             * @property {number|null} [maxFrameBytes] Welcome maxFrameBytes
             * @property {number|null} [maxInFlight] Welcome maxInFlight
             * @property {string|null} [deviceId] Welcome deviceId
             * @property {string|null} [tenantId] Welcome tenantId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Welcome.
             * @memberof tandem.v1
             * @interface IWelcome
             * @augments tandem.v1.Welcome.$Properties
             * @deprecated Use tandem.v1.Welcome.$Properties instead.
             */

            /**
             * Shape of a Welcome.
             * @typedef {tandem.v1.Welcome.$Properties} tandem.v1.Welcome.$Shape
             */

            /**
             * Constructs a new Welcome.
             * @memberof tandem.v1
             * @classdesc Represents a Welcome.
             * @constructor
             * @param {tandem.v1.Welcome.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Welcome = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Welcome collectorVersion.
             * @member {string} collectorVersion
             * @memberof tandem.v1.Welcome
             * @instance
             */
            Welcome.prototype.collectorVersion = "";

            /**
             * Welcome protocolVersion.
             * @member {string} protocolVersion
             * @memberof tandem.v1.Welcome
             * @instance
             */
            Welcome.prototype.protocolVersion = "";

            /**
             * Welcome lastCommittedSeq.
             * @member {number} lastCommittedSeq
             * @memberof tandem.v1.Welcome
             * @instance
             */
            Welcome.prototype.lastCommittedSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Welcome heartbeatIntervalSeconds.
             * @member {number} heartbeatIntervalSeconds
             * @memberof tandem.v1.Welcome
             * @instance
             */
            Welcome.prototype.heartbeatIntervalSeconds = 0;

            /**
             * Welcome maxFrameBytes.
             * @member {number} maxFrameBytes
             * @memberof tandem.v1.Welcome
             * @instance
             */
            Welcome.prototype.maxFrameBytes = 0;

            /**
             * Welcome maxInFlight.
             * @member {number} maxInFlight
             * @memberof tandem.v1.Welcome
             * @instance
             */
            Welcome.prototype.maxInFlight = 0;

            /**
             * Welcome deviceId.
             * @member {string} deviceId
             * @memberof tandem.v1.Welcome
             * @instance
             */
            Welcome.prototype.deviceId = "";

            /**
             * Welcome tenantId.
             * @member {string} tenantId
             * @memberof tandem.v1.Welcome
             * @instance
             */
            Welcome.prototype.tenantId = "";

            /**
             * Creates a new Welcome instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Welcome
             * @static
             * @param {tandem.v1.Welcome.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Welcome} Welcome instance
             * @type {{
             *   (properties: tandem.v1.Welcome.$Shape): tandem.v1.Welcome & tandem.v1.Welcome.$Shape;
             *   (properties?: tandem.v1.Welcome.$Properties): tandem.v1.Welcome;
             * }}
             */
            Welcome.create = function(properties) {
                return new Welcome(properties);
            };

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link tandem.v1.Welcome.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Welcome
             * @static
             * @param {tandem.v1.Welcome.$Properties} message Welcome message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Welcome.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.collectorVersion != null && $Object.hasOwnProperty.call(message, "collectorVersion") && message.collectorVersion !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.collectorVersion);
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.protocolVersion);
                if (message.lastCommittedSeq != null && $Object.hasOwnProperty.call(message, "lastCommittedSeq") && (typeof message.lastCommittedSeq === "object" ? message.lastCommittedSeq.low || message.lastCommittedSeq.high : message.lastCommittedSeq !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.lastCommittedSeq);
                if (message.heartbeatIntervalSeconds != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalSeconds") && message.heartbeatIntervalSeconds !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.heartbeatIntervalSeconds);
                if (message.maxFrameBytes != null && $Object.hasOwnProperty.call(message, "maxFrameBytes") && message.maxFrameBytes !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.maxFrameBytes);
                if (message.maxInFlight != null && $Object.hasOwnProperty.call(message, "maxInFlight") && message.maxInFlight !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.maxInFlight);
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.deviceId);
                if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId") && message.tenantId !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.tenantId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Welcome
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Welcome & tandem.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Welcome.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Welcome();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.collectorVersion = value;
                            else
                                delete message.collectorVersion;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.protocolVersion = value;
                            else
                                delete message.protocolVersion;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.lastCommittedSeq = value;
                            else
                                delete message.lastCommittedSeq;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.heartbeatIntervalSeconds = value;
                            else
                                delete message.heartbeatIntervalSeconds;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxFrameBytes = value;
                            else
                                delete message.maxFrameBytes;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxInFlight = value;
                            else
                                delete message.maxInFlight;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tenantId = value;
                            else
                                delete message.tenantId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Welcome
             * @function getTypeUrl
             * @memberof tandem.v1.Welcome
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Welcome.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Welcome";
            };

            return Welcome;
        })();

        v1.Ack = (function() {

            /**
             * Properties of an Ack.
             * @typedef {Object} tandem.v1.Ack.$Properties
             * @property {number|null} [seq] Ack seq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Ack.
             * @memberof tandem.v1
             * @interface IAck
             * @augments tandem.v1.Ack.$Properties
             * @deprecated Use tandem.v1.Ack.$Properties instead.
             */

            /**
             * Shape of an Ack.
             * @typedef {tandem.v1.Ack.$Properties} tandem.v1.Ack.$Shape
             */

            /**
             * Constructs a new Ack.
             * @memberof tandem.v1
             * @classdesc Represents an Ack.
             * @constructor
             * @param {tandem.v1.Ack.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ack = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Ack seq.
             * @member {number} seq
             * @memberof tandem.v1.Ack
             * @instance
             */
            Ack.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Ack instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Ack
             * @static
             * @param {tandem.v1.Ack.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Ack} Ack instance
             * @type {{
             *   (properties: tandem.v1.Ack.$Shape): tandem.v1.Ack & tandem.v1.Ack.$Shape;
             *   (properties?: tandem.v1.Ack.$Properties): tandem.v1.Ack;
             * }}
             */
            Ack.create = function(properties) {
                return new Ack(properties);
            };

            /**
             * Encodes the specified Ack message. Does not implicitly {@link tandem.v1.Ack.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Ack
             * @static
             * @param {tandem.v1.Ack.$Properties} message Ack message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ack.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.seq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Ack
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Ack & tandem.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ack.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Ack();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Ack
             * @function getTypeUrl
             * @memberof tandem.v1.Ack
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ack.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Ack";
            };

            return Ack;
        })();

        v1.Heartbeat = (function() {

            /**
             * Properties of a Heartbeat.
             * @typedef {Object} tandem.v1.Heartbeat.$Properties
             * @property {number|null} [sentAtMs] Heartbeat sentAtMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Heartbeat.
             * @memberof tandem.v1
             * @interface IHeartbeat
             * @augments tandem.v1.Heartbeat.$Properties
             * @deprecated Use tandem.v1.Heartbeat.$Properties instead.
             */

            /**
             * Shape of a Heartbeat.
             * @typedef {tandem.v1.Heartbeat.$Properties} tandem.v1.Heartbeat.$Shape
             */

            /**
             * Constructs a new Heartbeat.
             * @memberof tandem.v1
             * @classdesc Represents a Heartbeat.
             * @constructor
             * @param {tandem.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Heartbeat = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Heartbeat sentAtMs.
             * @member {number} sentAtMs
             * @memberof tandem.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.sentAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Heartbeat
             * @static
             * @param {tandem.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Heartbeat} Heartbeat instance
             * @type {{
             *   (properties: tandem.v1.Heartbeat.$Shape): tandem.v1.Heartbeat & tandem.v1.Heartbeat.$Shape;
             *   (properties?: tandem.v1.Heartbeat.$Properties): tandem.v1.Heartbeat;
             * }}
             */
            Heartbeat.create = function(properties) {
                return new Heartbeat(properties);
            };

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link tandem.v1.Heartbeat.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Heartbeat
             * @static
             * @param {tandem.v1.Heartbeat.$Properties} message Heartbeat message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Heartbeat.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sentAtMs != null && $Object.hasOwnProperty.call(message, "sentAtMs") && (typeof message.sentAtMs === "object" ? message.sentAtMs.low || message.sentAtMs.high : message.sentAtMs !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.sentAtMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Heartbeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Heartbeat & tandem.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Heartbeat.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Heartbeat();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.sentAtMs = value;
                            else
                                delete message.sentAtMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Heartbeat
             * @function getTypeUrl
             * @memberof tandem.v1.Heartbeat
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Heartbeat.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Heartbeat";
            };

            return Heartbeat;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} tandem.v1.Error.$Properties
             * @property {string|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof tandem.v1
             * @interface IError
             * @augments tandem.v1.Error.$Properties
             * @deprecated Use tandem.v1.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {tandem.v1.Error.$Properties} tandem.v1.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof tandem.v1
             * @classdesc Represents an Error.
             * @constructor
             * @param {tandem.v1.Error.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Error = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Error code.
             * @member {string} code
             * @memberof tandem.v1.Error
             * @instance
             */
            Error.prototype.code = "";

            /**
             * Error message.
             * @member {string} message
             * @memberof tandem.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Error
             * @static
             * @param {tandem.v1.Error.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Error} Error instance
             * @type {{
             *   (properties: tandem.v1.Error.$Shape): tandem.v1.Error & tandem.v1.Error.$Shape;
             *   (properties?: tandem.v1.Error.$Properties): tandem.v1.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link tandem.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Error
             * @static
             * @param {tandem.v1.Error.$Properties} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Error & tandem.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Error();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Error
             * @function getTypeUrl
             * @memberof tandem.v1.Error
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Error.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Error";
            };

            return Error;
        })();

        v1.Gap = (function() {

            /**
             * Properties of a Gap.
             * @typedef {Object} tandem.v1.Gap.$Properties
             * @property {number|null} [droppedCount] Gap droppedCount
             * @property {number|null} [firstDroppedAtMs] Gap firstDroppedAtMs
             * @property {number|null} [lastDroppedAtMs] Gap lastDroppedAtMs
             * @property {number|null} [firstDroppedSeq] Gap firstDroppedSeq
             * @property {number|null} [lastDroppedSeq] Gap lastDroppedSeq
             * @property {string|null} [reason] Gap reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Gap.
             * @memberof tandem.v1
             * @interface IGap
             * @augments tandem.v1.Gap.$Properties
             * @deprecated Use tandem.v1.Gap.$Properties instead.
             */

            /**
             * Shape of a Gap.
             * @typedef {tandem.v1.Gap.$Properties} tandem.v1.Gap.$Shape
             */

            /**
             * Constructs a new Gap.
             * @memberof tandem.v1
             * @classdesc Represents a Gap.
             * @constructor
             * @param {tandem.v1.Gap.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Gap = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Gap droppedCount.
             * @member {number} droppedCount
             * @memberof tandem.v1.Gap
             * @instance
             */
            Gap.prototype.droppedCount = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Gap firstDroppedAtMs.
             * @member {number} firstDroppedAtMs
             * @memberof tandem.v1.Gap
             * @instance
             */
            Gap.prototype.firstDroppedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Gap lastDroppedAtMs.
             * @member {number} lastDroppedAtMs
             * @memberof tandem.v1.Gap
             * @instance
             */
            Gap.prototype.lastDroppedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Gap firstDroppedSeq.
             * @member {number} firstDroppedSeq
             * @memberof tandem.v1.Gap
             * @instance
             */
            Gap.prototype.firstDroppedSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Gap lastDroppedSeq.
             * @member {number} lastDroppedSeq
             * @memberof tandem.v1.Gap
             * @instance
             */
            Gap.prototype.lastDroppedSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Gap reason.
             * @member {string} reason
             * @memberof tandem.v1.Gap
             * @instance
             */
            Gap.prototype.reason = "";

            /**
             * Creates a new Gap instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Gap
             * @static
             * @param {tandem.v1.Gap.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Gap} Gap instance
             * @type {{
             *   (properties: tandem.v1.Gap.$Shape): tandem.v1.Gap & tandem.v1.Gap.$Shape;
             *   (properties?: tandem.v1.Gap.$Properties): tandem.v1.Gap;
             * }}
             */
            Gap.create = function(properties) {
                return new Gap(properties);
            };

            /**
             * Encodes the specified Gap message. Does not implicitly {@link tandem.v1.Gap.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Gap
             * @static
             * @param {tandem.v1.Gap.$Properties} message Gap message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Gap.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.droppedCount != null && $Object.hasOwnProperty.call(message, "droppedCount") && (typeof message.droppedCount === "object" ? message.droppedCount.low || message.droppedCount.high : message.droppedCount !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.droppedCount);
                if (message.firstDroppedAtMs != null && $Object.hasOwnProperty.call(message, "firstDroppedAtMs") && (typeof message.firstDroppedAtMs === "object" ? message.firstDroppedAtMs.low || message.firstDroppedAtMs.high : message.firstDroppedAtMs !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.firstDroppedAtMs);
                if (message.lastDroppedAtMs != null && $Object.hasOwnProperty.call(message, "lastDroppedAtMs") && (typeof message.lastDroppedAtMs === "object" ? message.lastDroppedAtMs.low || message.lastDroppedAtMs.high : message.lastDroppedAtMs !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.lastDroppedAtMs);
                if (message.firstDroppedSeq != null && $Object.hasOwnProperty.call(message, "firstDroppedSeq") && (typeof message.firstDroppedSeq === "object" ? message.firstDroppedSeq.low || message.firstDroppedSeq.high : message.firstDroppedSeq !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.firstDroppedSeq);
                if (message.lastDroppedSeq != null && $Object.hasOwnProperty.call(message, "lastDroppedSeq") && (typeof message.lastDroppedSeq === "object" ? message.lastDroppedSeq.low || message.lastDroppedSeq.high : message.lastDroppedSeq !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.lastDroppedSeq);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Gap message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Gap
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Gap & tandem.v1.Gap.$Shape} Gap
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Gap.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Gap();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.droppedCount = value;
                            else
                                delete message.droppedCount;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.firstDroppedAtMs = value;
                            else
                                delete message.firstDroppedAtMs;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.lastDroppedAtMs = value;
                            else
                                delete message.lastDroppedAtMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.firstDroppedSeq = value;
                            else
                                delete message.firstDroppedSeq;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.lastDroppedSeq = value;
                            else
                                delete message.lastDroppedSeq;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Gap
             * @function getTypeUrl
             * @memberof tandem.v1.Gap
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Gap.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Gap";
            };

            return Gap;
        })();

        v1.Policy = (function() {

            /**
             * Properties of a Policy.
             * @typedef {Object} tandem.v1.Policy.$Properties
             * @property {Object.<string,string>|null} [schedules] Policy schedules
             * @property {number|null} [version] Policy version
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Policy.
             * @memberof tandem.v1
             * @interface IPolicy
             * @augments tandem.v1.Policy.$Properties
             * @deprecated Use tandem.v1.Policy.$Properties instead.
             */

            /**
             * Shape of a Policy.
             * @typedef {tandem.v1.Policy.$Properties} tandem.v1.Policy.$Shape
             */

            /**
             * Constructs a new Policy.
             * @memberof tandem.v1
             * @classdesc Represents a Policy.
             * @constructor
             * @param {tandem.v1.Policy.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Policy = function (properties) {
                this.schedules = {};
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Policy schedules.
             * @member {Object.<string,string>} schedules
             * @memberof tandem.v1.Policy
             * @instance
             */
            Policy.prototype.schedules = $util.emptyObject;

            /**
             * Policy version.
             * @member {number} version
             * @memberof tandem.v1.Policy
             * @instance
             */
            Policy.prototype.version = 0;

            /**
             * Creates a new Policy instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Policy
             * @static
             * @param {tandem.v1.Policy.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Policy} Policy instance
             * @type {{
             *   (properties: tandem.v1.Policy.$Shape): tandem.v1.Policy & tandem.v1.Policy.$Shape;
             *   (properties?: tandem.v1.Policy.$Properties): tandem.v1.Policy;
             * }}
             */
            Policy.create = function(properties) {
                return new Policy(properties);
            };

            /**
             * Encodes the specified Policy message. Does not implicitly {@link tandem.v1.Policy.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Policy
             * @static
             * @param {tandem.v1.Policy.$Properties} message Policy message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Policy.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.schedules != null && $Object.hasOwnProperty.call(message, "schedules"))
                    for (let keys = $Object.keys(message.schedules), i = 0; i < keys.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.schedules[keys[i]]).ldelim();
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.version);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Policy message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Policy
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Policy & tandem.v1.Policy.$Shape} Policy
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Policy.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, key, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Policy();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (message.schedules === $util.emptyObject)
                                message.schedules = {};
                            let end2 = reader.size() + reader.pos;
                            if (end2 > reader.len)
                                throw $RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                let tag2 = reader.tag();
                                wireType = tag2 & 7;
                                switch (tag2 >>>= 3) {
                                case 1:
                                    if (wireType !== 2)
                                        break;
                                    key = reader.stringVerify();
                                    continue;
                                case 2:
                                    if (wireType !== 2)
                                        break;
                                    value = reader.stringVerify();
                                    continue;
                                }
                                reader.skipType(wireType, _depth, tag2);
                            }
                            if (reader.pos !== end2)
                                throw $RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.schedules, key);
                            message.schedules[key] = value;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Policy
             * @function getTypeUrl
             * @memberof tandem.v1.Policy
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Policy.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Policy";
            };

            return Policy;
        })();

        v1.Goodbye = (function() {

            /**
             * Properties of a Goodbye.
             * @typedef {Object} tandem.v1.Goodbye.$Properties
             * @property {string|null} [reason] Goodbye reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Goodbye.
             * @memberof tandem.v1
             * @interface IGoodbye
             * @augments tandem.v1.Goodbye.$Properties
             * @deprecated Use tandem.v1.Goodbye.$Properties instead.
             */

            /**
             * Shape of a Goodbye.
             * @typedef {tandem.v1.Goodbye.$Properties} tandem.v1.Goodbye.$Shape
             */

            /**
             * Constructs a new Goodbye.
             * @memberof tandem.v1
             * @classdesc Represents a Goodbye.
             * @constructor
             * @param {tandem.v1.Goodbye.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Goodbye = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Goodbye reason.
             * @member {string} reason
             * @memberof tandem.v1.Goodbye
             * @instance
             */
            Goodbye.prototype.reason = "";

            /**
             * Creates a new Goodbye instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Goodbye
             * @static
             * @param {tandem.v1.Goodbye.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Goodbye} Goodbye instance
             * @type {{
             *   (properties: tandem.v1.Goodbye.$Shape): tandem.v1.Goodbye & tandem.v1.Goodbye.$Shape;
             *   (properties?: tandem.v1.Goodbye.$Properties): tandem.v1.Goodbye;
             * }}
             */
            Goodbye.create = function(properties) {
                return new Goodbye(properties);
            };

            /**
             * Encodes the specified Goodbye message. Does not implicitly {@link tandem.v1.Goodbye.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Goodbye
             * @static
             * @param {tandem.v1.Goodbye.$Properties} message Goodbye message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Goodbye.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Goodbye message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Goodbye
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Goodbye & tandem.v1.Goodbye.$Shape} Goodbye
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Goodbye.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Goodbye();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Goodbye
             * @function getTypeUrl
             * @memberof tandem.v1.Goodbye
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Goodbye.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Goodbye";
            };

            return Goodbye;
        })();

        /**
         * TopicState enum.
         * @name tandem.v1.TopicState
         * @enum {number}
         * @property {number} TOPIC_STATE_UNSPECIFIED=0 TOPIC_STATE_UNSPECIFIED value
         * @property {number} TOPIC_STATE_OK=1 TOPIC_STATE_OK value
         * @property {number} TOPIC_STATE_UNKNOWN=2 TOPIC_STATE_UNKNOWN value
         */
        v1.TopicState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "TOPIC_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "TOPIC_STATE_OK"] = 1;
            values[valuesById[2] = "TOPIC_STATE_UNKNOWN"] = 2;
            return values;
        })();

        v1.Report = (function() {

            /**
             * Properties of a Report.
             * @typedef {Object} tandem.v1.Report.$Properties
             * @property {number|null} [collectedAtMs] Report collectedAtMs
             * @property {string|null} [agentVersion] Report agentVersion
             * @property {tandem.v1.Inventory.$Properties|null} [inventory] Report inventory
             * @property {tandem.v1.PatchStatus.$Properties|null} [patch] Report patch
             * @property {tandem.v1.DiskStatus.$Properties|null} [disk] Report disk
             * @property {tandem.v1.BackupStatus.$Properties|null} [backup] Report backup
             * @property {tandem.v1.SecurityStatus.$Properties|null} [security] Report security
             * @property {tandem.v1.DeliveryHealth.$Properties|null} [delivery] Report delivery
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Report.
             * @memberof tandem.v1
             * @interface IReport
             * @augments tandem.v1.Report.$Properties
             * @deprecated Use tandem.v1.Report.$Properties instead.
             */

            /**
             * Shape of a Report.
             * @typedef {tandem.v1.Report.$Properties} tandem.v1.Report.$Shape
             */

            /**
             * Constructs a new Report.
             * @memberof tandem.v1
             * @classdesc Represents a Report.
             * @constructor
             * @param {tandem.v1.Report.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Report = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Report collectedAtMs.
             * @member {number} collectedAtMs
             * @memberof tandem.v1.Report
             * @instance
             */
            Report.prototype.collectedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Report agentVersion.
             * @member {string} agentVersion
             * @memberof tandem.v1.Report
             * @instance
             */
            Report.prototype.agentVersion = "";

            /**
             * Report inventory.
             * @member {tandem.v1.Inventory.$Properties|null|undefined} inventory
             * @memberof tandem.v1.Report
             * @instance
             */
            Report.prototype.inventory = null;

            /**
             * Report patch.
             * @member {tandem.v1.PatchStatus.$Properties|null|undefined} patch
             * @memberof tandem.v1.Report
             * @instance
             */
            Report.prototype.patch = null;

            /**
             * Report disk.
             * @member {tandem.v1.DiskStatus.$Properties|null|undefined} disk
             * @memberof tandem.v1.Report
             * @instance
             */
            Report.prototype.disk = null;

            /**
             * Report backup.
             * @member {tandem.v1.BackupStatus.$Properties|null|undefined} backup
             * @memberof tandem.v1.Report
             * @instance
             */
            Report.prototype.backup = null;

            /**
             * Report security.
             * @member {tandem.v1.SecurityStatus.$Properties|null|undefined} security
             * @memberof tandem.v1.Report
             * @instance
             */
            Report.prototype.security = null;

            /**
             * Report delivery.
             * @member {tandem.v1.DeliveryHealth.$Properties|null|undefined} delivery
             * @memberof tandem.v1.Report
             * @instance
             */
            Report.prototype.delivery = null;

            /**
             * Creates a new Report instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Report
             * @static
             * @param {tandem.v1.Report.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Report} Report instance
             * @type {{
             *   (properties: tandem.v1.Report.$Shape): tandem.v1.Report & tandem.v1.Report.$Shape;
             *   (properties?: tandem.v1.Report.$Properties): tandem.v1.Report;
             * }}
             */
            Report.create = function(properties) {
                return new Report(properties);
            };

            /**
             * Encodes the specified Report message. Does not implicitly {@link tandem.v1.Report.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Report
             * @static
             * @param {tandem.v1.Report.$Properties} message Report message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Report.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.collectedAtMs != null && $Object.hasOwnProperty.call(message, "collectedAtMs") && (typeof message.collectedAtMs === "object" ? message.collectedAtMs.low || message.collectedAtMs.high : message.collectedAtMs !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.collectedAtMs);
                if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion") && message.agentVersion !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.agentVersion);
                if (message.inventory != null && $Object.hasOwnProperty.call(message, "inventory"))
                    $root.tandem.v1.Inventory.encode(message.inventory, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.patch != null && $Object.hasOwnProperty.call(message, "patch"))
                    $root.tandem.v1.PatchStatus.encode(message.patch, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.disk != null && $Object.hasOwnProperty.call(message, "disk"))
                    $root.tandem.v1.DiskStatus.encode(message.disk, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.backup != null && $Object.hasOwnProperty.call(message, "backup"))
                    $root.tandem.v1.BackupStatus.encode(message.backup, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.security != null && $Object.hasOwnProperty.call(message, "security"))
                    $root.tandem.v1.SecurityStatus.encode(message.security, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.delivery != null && $Object.hasOwnProperty.call(message, "delivery"))
                    $root.tandem.v1.DeliveryHealth.encode(message.delivery, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Report message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Report
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Report & tandem.v1.Report.$Shape} Report
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Report.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Report();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.collectedAtMs = value;
                            else
                                delete message.collectedAtMs;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.agentVersion = value;
                            else
                                delete message.agentVersion;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.inventory = $root.tandem.v1.Inventory.decode(reader, reader.size(), $undefined, _depth + 1, message.inventory);
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.patch = $root.tandem.v1.PatchStatus.decode(reader, reader.size(), $undefined, _depth + 1, message.patch);
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.disk = $root.tandem.v1.DiskStatus.decode(reader, reader.size(), $undefined, _depth + 1, message.disk);
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.backup = $root.tandem.v1.BackupStatus.decode(reader, reader.size(), $undefined, _depth + 1, message.backup);
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.security = $root.tandem.v1.SecurityStatus.decode(reader, reader.size(), $undefined, _depth + 1, message.security);
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.delivery = $root.tandem.v1.DeliveryHealth.decode(reader, reader.size(), $undefined, _depth + 1, message.delivery);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Report
             * @function getTypeUrl
             * @memberof tandem.v1.Report
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Report.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Report";
            };

            return Report;
        })();

        v1.DeliveryHealth = (function() {

            /**
             * Properties of a DeliveryHealth.
             * @typedef {Object} tandem.v1.DeliveryHealth.$Properties
             * @property {boolean|null} [stuck] DeliveryHealth stuck
             * @property {string|null} [reason] DeliveryHealth reason
             * @property {number|null} [stuckSinceMs] DeliveryHealth stuckSinceMs
             * @property {number|null} [pendingCount] DeliveryHealth pendingCount
             * @property {number|null} [oldestPendingAtMs] DeliveryHealth oldestPendingAtMs
             * @property {number|null} [lastAckAtMs] DeliveryHealth lastAckAtMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DeliveryHealth.
             * @memberof tandem.v1
             * @interface IDeliveryHealth
             * @augments tandem.v1.DeliveryHealth.$Properties
             * @deprecated Use tandem.v1.DeliveryHealth.$Properties instead.
             */

            /**
             * Shape of a DeliveryHealth.
             * @typedef {tandem.v1.DeliveryHealth.$Properties} tandem.v1.DeliveryHealth.$Shape
             */

            /**
             * Constructs a new DeliveryHealth.
             * @memberof tandem.v1
             * @classdesc Represents a DeliveryHealth.
             * @constructor
             * @param {tandem.v1.DeliveryHealth.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DeliveryHealth = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DeliveryHealth stuck.
             * @member {boolean} stuck
             * @memberof tandem.v1.DeliveryHealth
             * @instance
             */
            DeliveryHealth.prototype.stuck = false;

            /**
             * DeliveryHealth reason.
             * @member {string|null|undefined} reason
             * @memberof tandem.v1.DeliveryHealth
             * @instance
             */
            DeliveryHealth.prototype.reason = null;

            /**
             * DeliveryHealth stuckSinceMs.
             * @member {number|null|undefined} stuckSinceMs
             * @memberof tandem.v1.DeliveryHealth
             * @instance
             */
            DeliveryHealth.prototype.stuckSinceMs = null;

            /**
             * DeliveryHealth pendingCount.
             * @member {number} pendingCount
             * @memberof tandem.v1.DeliveryHealth
             * @instance
             */
            DeliveryHealth.prototype.pendingCount = 0;

            /**
             * DeliveryHealth oldestPendingAtMs.
             * @member {number|null|undefined} oldestPendingAtMs
             * @memberof tandem.v1.DeliveryHealth
             * @instance
             */
            DeliveryHealth.prototype.oldestPendingAtMs = null;

            /**
             * DeliveryHealth lastAckAtMs.
             * @member {number|null|undefined} lastAckAtMs
             * @memberof tandem.v1.DeliveryHealth
             * @instance
             */
            DeliveryHealth.prototype.lastAckAtMs = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(DeliveryHealth.prototype, "_reason", {
                get: $util.oneOfGetter($oneOfFields = ["reason"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(DeliveryHealth.prototype, "_stuckSinceMs", {
                get: $util.oneOfGetter($oneOfFields = ["stuckSinceMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(DeliveryHealth.prototype, "_oldestPendingAtMs", {
                get: $util.oneOfGetter($oneOfFields = ["oldestPendingAtMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(DeliveryHealth.prototype, "_lastAckAtMs", {
                get: $util.oneOfGetter($oneOfFields = ["lastAckAtMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new DeliveryHealth instance using the specified properties.
             * @function create
             * @memberof tandem.v1.DeliveryHealth
             * @static
             * @param {tandem.v1.DeliveryHealth.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.DeliveryHealth} DeliveryHealth instance
             * @type {{
             *   (properties: tandem.v1.DeliveryHealth.$Shape): tandem.v1.DeliveryHealth & tandem.v1.DeliveryHealth.$Shape;
             *   (properties?: tandem.v1.DeliveryHealth.$Properties): tandem.v1.DeliveryHealth;
             * }}
             */
            DeliveryHealth.create = function(properties) {
                return new DeliveryHealth(properties);
            };

            /**
             * Encodes the specified DeliveryHealth message. Does not implicitly {@link tandem.v1.DeliveryHealth.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.DeliveryHealth
             * @static
             * @param {tandem.v1.DeliveryHealth.$Properties} message DeliveryHealth message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeliveryHealth.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.stuck != null && $Object.hasOwnProperty.call(message, "stuck") && message.stuck !== false)
                    writer.uint32(/* id 1, wireType 0 =*/8).bool(message.stuck);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                if (message.stuckSinceMs != null && $Object.hasOwnProperty.call(message, "stuckSinceMs"))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.stuckSinceMs);
                if (message.pendingCount != null && $Object.hasOwnProperty.call(message, "pendingCount") && message.pendingCount !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.pendingCount);
                if (message.oldestPendingAtMs != null && $Object.hasOwnProperty.call(message, "oldestPendingAtMs"))
                    writer.uint32(/* id 5, wireType 0 =*/40).int64(message.oldestPendingAtMs);
                if (message.lastAckAtMs != null && $Object.hasOwnProperty.call(message, "lastAckAtMs"))
                    writer.uint32(/* id 6, wireType 0 =*/48).int64(message.lastAckAtMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a DeliveryHealth message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.DeliveryHealth
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.DeliveryHealth & tandem.v1.DeliveryHealth.$Shape} DeliveryHealth
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeliveryHealth.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.DeliveryHealth();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.stuck = value;
                            else
                                delete message.stuck;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.reason = reader.stringVerify();
                            message._reason = "reason";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            message.stuckSinceMs = reader.int64();
                            message._stuckSinceMs = "stuckSinceMs";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.pendingCount = value;
                            else
                                delete message.pendingCount;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            message.oldestPendingAtMs = reader.int64();
                            message._oldestPendingAtMs = "oldestPendingAtMs";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            message.lastAckAtMs = reader.int64();
                            message._lastAckAtMs = "lastAckAtMs";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for DeliveryHealth
             * @function getTypeUrl
             * @memberof tandem.v1.DeliveryHealth
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DeliveryHealth.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.DeliveryHealth";
            };

            return DeliveryHealth;
        })();

        v1.Inventory = (function() {

            /**
             * Properties of an Inventory.
             * @typedef {Object} tandem.v1.Inventory.$Properties
             * @property {tandem.v1.TopicState|null} [state] Inventory state
             * @property {string|null} [reason] Inventory reason
             * @property {string|null} [hostname] Inventory hostname
             * @property {string|null} [os] Inventory os
             * @property {string|null} [osName] Inventory osName
             * @property {string|null} [osVersion] Inventory osVersion
             * @property {string|null} [arch] Inventory arch
             * @property {number|null} [uptimeSeconds] Inventory uptimeSeconds
             * @property {string|null} [kernel] Inventory kernel
             * @property {string|null} [serial] Inventory serial
             * @property {string|null} [manufacturer] Inventory manufacturer
             * @property {string|null} [model] Inventory model
             * @property {number|null} [memoryBytes] Inventory memoryBytes
             * @property {number|null} [cpuCores] Inventory cpuCores
             * @property {string|null} [chassis] Inventory chassis
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Inventory.
             * @memberof tandem.v1
             * @interface IInventory
             * @augments tandem.v1.Inventory.$Properties
             * @deprecated Use tandem.v1.Inventory.$Properties instead.
             */

            /**
             * Shape of an Inventory.
             * @typedef {tandem.v1.Inventory.$Properties} tandem.v1.Inventory.$Shape
             */

            /**
             * Constructs a new Inventory.
             * @memberof tandem.v1
             * @classdesc Represents an Inventory.
             * @constructor
             * @param {tandem.v1.Inventory.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Inventory = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Inventory state.
             * @member {tandem.v1.TopicState} state
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.state = 0;

            /**
             * Inventory reason.
             * @member {string|null|undefined} reason
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.reason = null;

            /**
             * Inventory hostname.
             * @member {string|null|undefined} hostname
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.hostname = null;

            /**
             * Inventory os.
             * @member {string|null|undefined} os
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.os = null;

            /**
             * Inventory osName.
             * @member {string|null|undefined} osName
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.osName = null;

            /**
             * Inventory osVersion.
             * @member {string|null|undefined} osVersion
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.osVersion = null;

            /**
             * Inventory arch.
             * @member {string|null|undefined} arch
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.arch = null;

            /**
             * Inventory uptimeSeconds.
             * @member {number|null|undefined} uptimeSeconds
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.uptimeSeconds = null;

            /**
             * Inventory kernel.
             * @member {string|null|undefined} kernel
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.kernel = null;

            /**
             * Inventory serial.
             * @member {string|null|undefined} serial
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.serial = null;

            /**
             * Inventory manufacturer.
             * @member {string|null|undefined} manufacturer
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.manufacturer = null;

            /**
             * Inventory model.
             * @member {string|null|undefined} model
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.model = null;

            /**
             * Inventory memoryBytes.
             * @member {number|null|undefined} memoryBytes
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.memoryBytes = null;

            /**
             * Inventory cpuCores.
             * @member {number|null|undefined} cpuCores
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.cpuCores = null;

            /**
             * Inventory chassis.
             * @member {string|null|undefined} chassis
             * @memberof tandem.v1.Inventory
             * @instance
             */
            Inventory.prototype.chassis = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_reason", {
                get: $util.oneOfGetter($oneOfFields = ["reason"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_hostname", {
                get: $util.oneOfGetter($oneOfFields = ["hostname"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_os", {
                get: $util.oneOfGetter($oneOfFields = ["os"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_osName", {
                get: $util.oneOfGetter($oneOfFields = ["osName"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_osVersion", {
                get: $util.oneOfGetter($oneOfFields = ["osVersion"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_arch", {
                get: $util.oneOfGetter($oneOfFields = ["arch"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_uptimeSeconds", {
                get: $util.oneOfGetter($oneOfFields = ["uptimeSeconds"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_kernel", {
                get: $util.oneOfGetter($oneOfFields = ["kernel"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_serial", {
                get: $util.oneOfGetter($oneOfFields = ["serial"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_manufacturer", {
                get: $util.oneOfGetter($oneOfFields = ["manufacturer"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_model", {
                get: $util.oneOfGetter($oneOfFields = ["model"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_memoryBytes", {
                get: $util.oneOfGetter($oneOfFields = ["memoryBytes"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_cpuCores", {
                get: $util.oneOfGetter($oneOfFields = ["cpuCores"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Inventory.prototype, "_chassis", {
                get: $util.oneOfGetter($oneOfFields = ["chassis"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Inventory instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Inventory
             * @static
             * @param {tandem.v1.Inventory.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Inventory} Inventory instance
             * @type {{
             *   (properties: tandem.v1.Inventory.$Shape): tandem.v1.Inventory & tandem.v1.Inventory.$Shape;
             *   (properties?: tandem.v1.Inventory.$Properties): tandem.v1.Inventory;
             * }}
             */
            Inventory.create = function(properties) {
                return new Inventory(properties);
            };

            /**
             * Encodes the specified Inventory message. Does not implicitly {@link tandem.v1.Inventory.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Inventory
             * @static
             * @param {tandem.v1.Inventory.$Properties} message Inventory message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Inventory.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.state);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                if (message.hostname != null && $Object.hasOwnProperty.call(message, "hostname"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.hostname);
                if (message.os != null && $Object.hasOwnProperty.call(message, "os"))
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.os);
                if (message.osName != null && $Object.hasOwnProperty.call(message, "osName"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.osName);
                if (message.osVersion != null && $Object.hasOwnProperty.call(message, "osVersion"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.osVersion);
                if (message.arch != null && $Object.hasOwnProperty.call(message, "arch"))
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.arch);
                if (message.uptimeSeconds != null && $Object.hasOwnProperty.call(message, "uptimeSeconds"))
                    writer.uint32(/* id 8, wireType 0 =*/64).int64(message.uptimeSeconds);
                if (message.kernel != null && $Object.hasOwnProperty.call(message, "kernel"))
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.kernel);
                if (message.serial != null && $Object.hasOwnProperty.call(message, "serial"))
                    writer.uint32(/* id 10, wireType 2 =*/82).string(message.serial);
                if (message.manufacturer != null && $Object.hasOwnProperty.call(message, "manufacturer"))
                    writer.uint32(/* id 11, wireType 2 =*/90).string(message.manufacturer);
                if (message.model != null && $Object.hasOwnProperty.call(message, "model"))
                    writer.uint32(/* id 12, wireType 2 =*/98).string(message.model);
                if (message.memoryBytes != null && $Object.hasOwnProperty.call(message, "memoryBytes"))
                    writer.uint32(/* id 13, wireType 0 =*/104).int64(message.memoryBytes);
                if (message.cpuCores != null && $Object.hasOwnProperty.call(message, "cpuCores"))
                    writer.uint32(/* id 14, wireType 0 =*/112).uint32(message.cpuCores);
                if (message.chassis != null && $Object.hasOwnProperty.call(message, "chassis"))
                    writer.uint32(/* id 15, wireType 2 =*/122).string(message.chassis);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Inventory message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Inventory
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Inventory & tandem.v1.Inventory.$Shape} Inventory
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Inventory.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Inventory();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.reason = reader.stringVerify();
                            message._reason = "reason";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.hostname = reader.stringVerify();
                            message._hostname = "hostname";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.os = reader.stringVerify();
                            message._os = "os";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.osName = reader.stringVerify();
                            message._osName = "osName";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.osVersion = reader.stringVerify();
                            message._osVersion = "osVersion";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.arch = reader.stringVerify();
                            message._arch = "arch";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            message.uptimeSeconds = reader.int64();
                            message._uptimeSeconds = "uptimeSeconds";
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            message.kernel = reader.stringVerify();
                            message._kernel = "kernel";
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.serial = reader.stringVerify();
                            message._serial = "serial";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.manufacturer = reader.stringVerify();
                            message._manufacturer = "manufacturer";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.model = reader.stringVerify();
                            message._model = "model";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 0)
                                break;
                            message.memoryBytes = reader.int64();
                            message._memoryBytes = "memoryBytes";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 0)
                                break;
                            message.cpuCores = reader.uint32();
                            message._cpuCores = "cpuCores";
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            message.chassis = reader.stringVerify();
                            message._chassis = "chassis";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Inventory
             * @function getTypeUrl
             * @memberof tandem.v1.Inventory
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Inventory.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Inventory";
            };

            return Inventory;
        })();

        v1.PatchStatus = (function() {

            /**
             * Properties of a PatchStatus.
             * @typedef {Object} tandem.v1.PatchStatus.$Properties
             * @property {tandem.v1.TopicState|null} [state] PatchStatus state
             * @property {string|null} [reason] PatchStatus reason
             * @property {string|null} [source] PatchStatus source
             * @property {number|null} [pendingCount] PatchStatus pendingCount
             * @property {number|null} [securityCount] PatchStatus securityCount
             * @property {boolean|null} [rebootRequired] PatchStatus rebootRequired
             * @property {Array.<tandem.v1.PendingUpdate.$Properties>|null} [updates] PatchStatus updates
             * @property {number|null} [lastInstalledAtMs] PatchStatus lastInstalledAtMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PatchStatus.
             * @memberof tandem.v1
             * @interface IPatchStatus
             * @augments tandem.v1.PatchStatus.$Properties
             * @deprecated Use tandem.v1.PatchStatus.$Properties instead.
             */

            /**
             * Shape of a PatchStatus.
             * @typedef {tandem.v1.PatchStatus.$Properties} tandem.v1.PatchStatus.$Shape
             */

            /**
             * Constructs a new PatchStatus.
             * @memberof tandem.v1
             * @classdesc Represents a PatchStatus.
             * @constructor
             * @param {tandem.v1.PatchStatus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PatchStatus = function (properties) {
                this.updates = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PatchStatus state.
             * @member {tandem.v1.TopicState} state
             * @memberof tandem.v1.PatchStatus
             * @instance
             */
            PatchStatus.prototype.state = 0;

            /**
             * PatchStatus reason.
             * @member {string|null|undefined} reason
             * @memberof tandem.v1.PatchStatus
             * @instance
             */
            PatchStatus.prototype.reason = null;

            /**
             * PatchStatus source.
             * @member {string|null|undefined} source
             * @memberof tandem.v1.PatchStatus
             * @instance
             */
            PatchStatus.prototype.source = null;

            /**
             * PatchStatus pendingCount.
             * @member {number|null|undefined} pendingCount
             * @memberof tandem.v1.PatchStatus
             * @instance
             */
            PatchStatus.prototype.pendingCount = null;

            /**
             * PatchStatus securityCount.
             * @member {number|null|undefined} securityCount
             * @memberof tandem.v1.PatchStatus
             * @instance
             */
            PatchStatus.prototype.securityCount = null;

            /**
             * PatchStatus rebootRequired.
             * @member {boolean|null|undefined} rebootRequired
             * @memberof tandem.v1.PatchStatus
             * @instance
             */
            PatchStatus.prototype.rebootRequired = null;

            /**
             * PatchStatus updates.
             * @member {Array.<tandem.v1.PendingUpdate.$Properties>} updates
             * @memberof tandem.v1.PatchStatus
             * @instance
             */
            PatchStatus.prototype.updates = $util.emptyArray;

            /**
             * PatchStatus lastInstalledAtMs.
             * @member {number|null|undefined} lastInstalledAtMs
             * @memberof tandem.v1.PatchStatus
             * @instance
             */
            PatchStatus.prototype.lastInstalledAtMs = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PatchStatus.prototype, "_reason", {
                get: $util.oneOfGetter($oneOfFields = ["reason"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PatchStatus.prototype, "_source", {
                get: $util.oneOfGetter($oneOfFields = ["source"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PatchStatus.prototype, "_pendingCount", {
                get: $util.oneOfGetter($oneOfFields = ["pendingCount"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PatchStatus.prototype, "_securityCount", {
                get: $util.oneOfGetter($oneOfFields = ["securityCount"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PatchStatus.prototype, "_rebootRequired", {
                get: $util.oneOfGetter($oneOfFields = ["rebootRequired"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PatchStatus.prototype, "_lastInstalledAtMs", {
                get: $util.oneOfGetter($oneOfFields = ["lastInstalledAtMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new PatchStatus instance using the specified properties.
             * @function create
             * @memberof tandem.v1.PatchStatus
             * @static
             * @param {tandem.v1.PatchStatus.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.PatchStatus} PatchStatus instance
             * @type {{
             *   (properties: tandem.v1.PatchStatus.$Shape): tandem.v1.PatchStatus & tandem.v1.PatchStatus.$Shape;
             *   (properties?: tandem.v1.PatchStatus.$Properties): tandem.v1.PatchStatus;
             * }}
             */
            PatchStatus.create = function(properties) {
                return new PatchStatus(properties);
            };

            /**
             * Encodes the specified PatchStatus message. Does not implicitly {@link tandem.v1.PatchStatus.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.PatchStatus
             * @static
             * @param {tandem.v1.PatchStatus.$Properties} message PatchStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PatchStatus.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.state);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.source);
                if (message.pendingCount != null && $Object.hasOwnProperty.call(message, "pendingCount"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.pendingCount);
                if (message.securityCount != null && $Object.hasOwnProperty.call(message, "securityCount"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.securityCount);
                if (message.rebootRequired != null && $Object.hasOwnProperty.call(message, "rebootRequired"))
                    writer.uint32(/* id 6, wireType 0 =*/48).bool(message.rebootRequired);
                if (message.updates != null && message.updates.length)
                    for (let i = 0; i < message.updates.length; ++i)
                        $root.tandem.v1.PendingUpdate.encode(message.updates[i], writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.lastInstalledAtMs != null && $Object.hasOwnProperty.call(message, "lastInstalledAtMs"))
                    writer.uint32(/* id 8, wireType 0 =*/64).int64(message.lastInstalledAtMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PatchStatus message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.PatchStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.PatchStatus & tandem.v1.PatchStatus.$Shape} PatchStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PatchStatus.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.PatchStatus();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.reason = reader.stringVerify();
                            message._reason = "reason";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.source = reader.stringVerify();
                            message._source = "source";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            message.pendingCount = reader.uint32();
                            message._pendingCount = "pendingCount";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            message.securityCount = reader.uint32();
                            message._securityCount = "securityCount";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            message.rebootRequired = reader.bool();
                            message._rebootRequired = "rebootRequired";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if (!(message.updates && message.updates.length))
                                message.updates = [];
                            message.updates.push($root.tandem.v1.PendingUpdate.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            message.lastInstalledAtMs = reader.int64();
                            message._lastInstalledAtMs = "lastInstalledAtMs";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for PatchStatus
             * @function getTypeUrl
             * @memberof tandem.v1.PatchStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PatchStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.PatchStatus";
            };

            return PatchStatus;
        })();

        v1.PendingUpdate = (function() {

            /**
             * Properties of a PendingUpdate.
             * @typedef {Object} tandem.v1.PendingUpdate.$Properties
             * @property {string|null} [name] PendingUpdate name
             * @property {string|null} [currentVersion] PendingUpdate currentVersion
             * @property {string|null} [availableVersion] PendingUpdate availableVersion
             * @property {boolean|null} [security] PendingUpdate security
             * @property {string|null} [kb] PendingUpdate kb
             * @property {string|null} [severity] PendingUpdate severity
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PendingUpdate.
             * @memberof tandem.v1
             * @interface IPendingUpdate
             * @augments tandem.v1.PendingUpdate.$Properties
             * @deprecated Use tandem.v1.PendingUpdate.$Properties instead.
             */

            /**
             * Shape of a PendingUpdate.
             * @typedef {tandem.v1.PendingUpdate.$Properties} tandem.v1.PendingUpdate.$Shape
             */

            /**
             * Constructs a new PendingUpdate.
             * @memberof tandem.v1
             * @classdesc Represents a PendingUpdate.
             * @constructor
             * @param {tandem.v1.PendingUpdate.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PendingUpdate = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PendingUpdate name.
             * @member {string} name
             * @memberof tandem.v1.PendingUpdate
             * @instance
             */
            PendingUpdate.prototype.name = "";

            /**
             * PendingUpdate currentVersion.
             * @member {string|null|undefined} currentVersion
             * @memberof tandem.v1.PendingUpdate
             * @instance
             */
            PendingUpdate.prototype.currentVersion = null;

            /**
             * PendingUpdate availableVersion.
             * @member {string|null|undefined} availableVersion
             * @memberof tandem.v1.PendingUpdate
             * @instance
             */
            PendingUpdate.prototype.availableVersion = null;

            /**
             * PendingUpdate security.
             * @member {boolean|null|undefined} security
             * @memberof tandem.v1.PendingUpdate
             * @instance
             */
            PendingUpdate.prototype.security = null;

            /**
             * PendingUpdate kb.
             * @member {string|null|undefined} kb
             * @memberof tandem.v1.PendingUpdate
             * @instance
             */
            PendingUpdate.prototype.kb = null;

            /**
             * PendingUpdate severity.
             * @member {string|null|undefined} severity
             * @memberof tandem.v1.PendingUpdate
             * @instance
             */
            PendingUpdate.prototype.severity = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PendingUpdate.prototype, "_currentVersion", {
                get: $util.oneOfGetter($oneOfFields = ["currentVersion"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PendingUpdate.prototype, "_availableVersion", {
                get: $util.oneOfGetter($oneOfFields = ["availableVersion"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PendingUpdate.prototype, "_security", {
                get: $util.oneOfGetter($oneOfFields = ["security"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PendingUpdate.prototype, "_kb", {
                get: $util.oneOfGetter($oneOfFields = ["kb"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(PendingUpdate.prototype, "_severity", {
                get: $util.oneOfGetter($oneOfFields = ["severity"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new PendingUpdate instance using the specified properties.
             * @function create
             * @memberof tandem.v1.PendingUpdate
             * @static
             * @param {tandem.v1.PendingUpdate.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.PendingUpdate} PendingUpdate instance
             * @type {{
             *   (properties: tandem.v1.PendingUpdate.$Shape): tandem.v1.PendingUpdate & tandem.v1.PendingUpdate.$Shape;
             *   (properties?: tandem.v1.PendingUpdate.$Properties): tandem.v1.PendingUpdate;
             * }}
             */
            PendingUpdate.create = function(properties) {
                return new PendingUpdate(properties);
            };

            /**
             * Encodes the specified PendingUpdate message. Does not implicitly {@link tandem.v1.PendingUpdate.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.PendingUpdate
             * @static
             * @param {tandem.v1.PendingUpdate.$Properties} message PendingUpdate message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PendingUpdate.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.currentVersion != null && $Object.hasOwnProperty.call(message, "currentVersion"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.currentVersion);
                if (message.availableVersion != null && $Object.hasOwnProperty.call(message, "availableVersion"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.availableVersion);
                if (message.security != null && $Object.hasOwnProperty.call(message, "security"))
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.security);
                if (message.kb != null && $Object.hasOwnProperty.call(message, "kb"))
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.kb);
                if (message.severity != null && $Object.hasOwnProperty.call(message, "severity"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.severity);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PendingUpdate message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.PendingUpdate
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.PendingUpdate & tandem.v1.PendingUpdate.$Shape} PendingUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PendingUpdate.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.PendingUpdate();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.currentVersion = reader.stringVerify();
                            message._currentVersion = "currentVersion";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.availableVersion = reader.stringVerify();
                            message._availableVersion = "availableVersion";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            message.security = reader.bool();
                            message._security = "security";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.kb = reader.stringVerify();
                            message._kb = "kb";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.severity = reader.stringVerify();
                            message._severity = "severity";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for PendingUpdate
             * @function getTypeUrl
             * @memberof tandem.v1.PendingUpdate
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PendingUpdate.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.PendingUpdate";
            };

            return PendingUpdate;
        })();

        v1.DiskStatus = (function() {

            /**
             * Properties of a DiskStatus.
             * @typedef {Object} tandem.v1.DiskStatus.$Properties
             * @property {tandem.v1.TopicState|null} [state] DiskStatus state
             * @property {string|null} [reason] DiskStatus reason
             * @property {Array.<tandem.v1.Volume.$Properties>|null} [volumes] DiskStatus volumes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DiskStatus.
             * @memberof tandem.v1
             * @interface IDiskStatus
             * @augments tandem.v1.DiskStatus.$Properties
             * @deprecated Use tandem.v1.DiskStatus.$Properties instead.
             */

            /**
             * Shape of a DiskStatus.
             * @typedef {tandem.v1.DiskStatus.$Properties} tandem.v1.DiskStatus.$Shape
             */

            /**
             * Constructs a new DiskStatus.
             * @memberof tandem.v1
             * @classdesc Represents a DiskStatus.
             * @constructor
             * @param {tandem.v1.DiskStatus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DiskStatus = function (properties) {
                this.volumes = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DiskStatus state.
             * @member {tandem.v1.TopicState} state
             * @memberof tandem.v1.DiskStatus
             * @instance
             */
            DiskStatus.prototype.state = 0;

            /**
             * DiskStatus reason.
             * @member {string|null|undefined} reason
             * @memberof tandem.v1.DiskStatus
             * @instance
             */
            DiskStatus.prototype.reason = null;

            /**
             * DiskStatus volumes.
             * @member {Array.<tandem.v1.Volume.$Properties>} volumes
             * @memberof tandem.v1.DiskStatus
             * @instance
             */
            DiskStatus.prototype.volumes = $util.emptyArray;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(DiskStatus.prototype, "_reason", {
                get: $util.oneOfGetter($oneOfFields = ["reason"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new DiskStatus instance using the specified properties.
             * @function create
             * @memberof tandem.v1.DiskStatus
             * @static
             * @param {tandem.v1.DiskStatus.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.DiskStatus} DiskStatus instance
             * @type {{
             *   (properties: tandem.v1.DiskStatus.$Shape): tandem.v1.DiskStatus & tandem.v1.DiskStatus.$Shape;
             *   (properties?: tandem.v1.DiskStatus.$Properties): tandem.v1.DiskStatus;
             * }}
             */
            DiskStatus.create = function(properties) {
                return new DiskStatus(properties);
            };

            /**
             * Encodes the specified DiskStatus message. Does not implicitly {@link tandem.v1.DiskStatus.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.DiskStatus
             * @static
             * @param {tandem.v1.DiskStatus.$Properties} message DiskStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DiskStatus.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.state);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                if (message.volumes != null && message.volumes.length)
                    for (let i = 0; i < message.volumes.length; ++i)
                        $root.tandem.v1.Volume.encode(message.volumes[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a DiskStatus message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.DiskStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.DiskStatus & tandem.v1.DiskStatus.$Shape} DiskStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DiskStatus.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.DiskStatus();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.reason = reader.stringVerify();
                            message._reason = "reason";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.volumes && message.volumes.length))
                                message.volumes = [];
                            message.volumes.push($root.tandem.v1.Volume.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for DiskStatus
             * @function getTypeUrl
             * @memberof tandem.v1.DiskStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DiskStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.DiskStatus";
            };

            return DiskStatus;
        })();

        v1.Volume = (function() {

            /**
             * Properties of a Volume.
             * @typedef {Object} tandem.v1.Volume.$Properties
             * @property {string|null} [mount] Volume mount
             * @property {string|null} [fsType] Volume fsType
             * @property {number|null} [sizeBytes] Volume sizeBytes
             * @property {number|null} [usedBytes] Volume usedBytes
             * @property {number|null} [freeBytes] Volume freeBytes
             * @property {number|null} [usedPercent] Volume usedPercent
             * @property {number|null} [inodesTotal] Volume inodesTotal
             * @property {number|null} [inodesUsed] Volume inodesUsed
             * @property {number|null} [inodesUsedPercent] Volume inodesUsedPercent
             * @property {string|null} [device] Volume device
             * @property {string|null} [smartHealth] Volume smartHealth
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Volume.
             * @memberof tandem.v1
             * @interface IVolume
             * @augments tandem.v1.Volume.$Properties
             * @deprecated Use tandem.v1.Volume.$Properties instead.
             */

            /**
             * Shape of a Volume.
             * @typedef {tandem.v1.Volume.$Properties} tandem.v1.Volume.$Shape
             */

            /**
             * Constructs a new Volume.
             * @memberof tandem.v1
             * @classdesc Represents a Volume.
             * @constructor
             * @param {tandem.v1.Volume.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Volume = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Volume mount.
             * @member {string} mount
             * @memberof tandem.v1.Volume
             * @instance
             */
            Volume.prototype.mount = "";

            /**
             * Volume fsType.
             * @member {string|null|undefined} fsType
             * @memberof tandem.v1.Volume
             * @instance
             */
            Volume.prototype.fsType = null;

            /**
             * Volume sizeBytes.
             * @member {number|null|undefined} sizeBytes
             * @memberof tandem.v1.Volume
             * @instance
             */
            Volume.prototype.sizeBytes = null;

            /**
             * Volume usedBytes.
             * @member {number|null|undefined} usedBytes
             * @memberof tandem.v1.Volume
             * @instance
             */
            Volume.prototype.usedBytes = null;

            /**
             * Volume freeBytes.
             * @member {number|null|undefined} freeBytes
             * @memberof tandem.v1.Volume
             * @instance
             */
            Volume.prototype.freeBytes = null;

            /**
             * Volume usedPercent.
             * @member {number|null|undefined} usedPercent
             * @memberof tandem.v1.Volume
             * @instance
             */
            Volume.prototype.usedPercent = null;

            /**
             * Volume inodesTotal.
             * @member {number|null|undefined} inodesTotal
             * @memberof tandem.v1.Volume
             * @instance
             */
            Volume.prototype.inodesTotal = null;

            /**
             * Volume inodesUsed.
             * @member {number|null|undefined} inodesUsed
             * @memberof tandem.v1.Volume
             * @instance
             */
            Volume.prototype.inodesUsed = null;

            /**
             * Volume inodesUsedPercent.
             * @member {number|null|undefined} inodesUsedPercent
             * @memberof tandem.v1.Volume
             * @instance
             */
            Volume.prototype.inodesUsedPercent = null;

            /**
             * Volume device.
             * @member {string|null|undefined} device
             * @memberof tandem.v1.Volume
             * @instance
             */
            Volume.prototype.device = null;

            /**
             * Volume smartHealth.
             * @member {string|null|undefined} smartHealth
             * @memberof tandem.v1.Volume
             * @instance
             */
            Volume.prototype.smartHealth = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Volume.prototype, "_fsType", {
                get: $util.oneOfGetter($oneOfFields = ["fsType"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Volume.prototype, "_sizeBytes", {
                get: $util.oneOfGetter($oneOfFields = ["sizeBytes"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Volume.prototype, "_usedBytes", {
                get: $util.oneOfGetter($oneOfFields = ["usedBytes"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Volume.prototype, "_freeBytes", {
                get: $util.oneOfGetter($oneOfFields = ["freeBytes"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Volume.prototype, "_usedPercent", {
                get: $util.oneOfGetter($oneOfFields = ["usedPercent"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Volume.prototype, "_inodesTotal", {
                get: $util.oneOfGetter($oneOfFields = ["inodesTotal"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Volume.prototype, "_inodesUsed", {
                get: $util.oneOfGetter($oneOfFields = ["inodesUsed"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Volume.prototype, "_inodesUsedPercent", {
                get: $util.oneOfGetter($oneOfFields = ["inodesUsedPercent"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Volume.prototype, "_device", {
                get: $util.oneOfGetter($oneOfFields = ["device"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Volume.prototype, "_smartHealth", {
                get: $util.oneOfGetter($oneOfFields = ["smartHealth"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Volume instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Volume
             * @static
             * @param {tandem.v1.Volume.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Volume} Volume instance
             * @type {{
             *   (properties: tandem.v1.Volume.$Shape): tandem.v1.Volume & tandem.v1.Volume.$Shape;
             *   (properties?: tandem.v1.Volume.$Properties): tandem.v1.Volume;
             * }}
             */
            Volume.create = function(properties) {
                return new Volume(properties);
            };

            /**
             * Encodes the specified Volume message. Does not implicitly {@link tandem.v1.Volume.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Volume
             * @static
             * @param {tandem.v1.Volume.$Properties} message Volume message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Volume.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.mount != null && $Object.hasOwnProperty.call(message, "mount") && message.mount !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.mount);
                if (message.fsType != null && $Object.hasOwnProperty.call(message, "fsType"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.fsType);
                if (message.sizeBytes != null && $Object.hasOwnProperty.call(message, "sizeBytes"))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.sizeBytes);
                if (message.usedBytes != null && $Object.hasOwnProperty.call(message, "usedBytes"))
                    writer.uint32(/* id 4, wireType 0 =*/32).int64(message.usedBytes);
                if (message.freeBytes != null && $Object.hasOwnProperty.call(message, "freeBytes"))
                    writer.uint32(/* id 5, wireType 0 =*/40).int64(message.freeBytes);
                if (message.usedPercent != null && $Object.hasOwnProperty.call(message, "usedPercent"))
                    writer.uint32(/* id 6, wireType 1 =*/49).double(message.usedPercent);
                if (message.inodesTotal != null && $Object.hasOwnProperty.call(message, "inodesTotal"))
                    writer.uint32(/* id 7, wireType 0 =*/56).int64(message.inodesTotal);
                if (message.inodesUsed != null && $Object.hasOwnProperty.call(message, "inodesUsed"))
                    writer.uint32(/* id 8, wireType 0 =*/64).int64(message.inodesUsed);
                if (message.inodesUsedPercent != null && $Object.hasOwnProperty.call(message, "inodesUsedPercent"))
                    writer.uint32(/* id 9, wireType 1 =*/73).double(message.inodesUsedPercent);
                if (message.device != null && $Object.hasOwnProperty.call(message, "device"))
                    writer.uint32(/* id 10, wireType 2 =*/82).string(message.device);
                if (message.smartHealth != null && $Object.hasOwnProperty.call(message, "smartHealth"))
                    writer.uint32(/* id 11, wireType 2 =*/90).string(message.smartHealth);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Volume message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Volume
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Volume & tandem.v1.Volume.$Shape} Volume
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Volume.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Volume();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.mount = value;
                            else
                                delete message.mount;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.fsType = reader.stringVerify();
                            message._fsType = "fsType";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            message.sizeBytes = reader.int64();
                            message._sizeBytes = "sizeBytes";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            message.usedBytes = reader.int64();
                            message._usedBytes = "usedBytes";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            message.freeBytes = reader.int64();
                            message._freeBytes = "freeBytes";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 1)
                                break;
                            message.usedPercent = reader.double();
                            message._usedPercent = "usedPercent";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            message.inodesTotal = reader.int64();
                            message._inodesTotal = "inodesTotal";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            message.inodesUsed = reader.int64();
                            message._inodesUsed = "inodesUsed";
                            continue;
                        }
                    case 9: {
                            if (wireType !== 1)
                                break;
                            message.inodesUsedPercent = reader.double();
                            message._inodesUsedPercent = "inodesUsedPercent";
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.device = reader.stringVerify();
                            message._device = "device";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.smartHealth = reader.stringVerify();
                            message._smartHealth = "smartHealth";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Volume
             * @function getTypeUrl
             * @memberof tandem.v1.Volume
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Volume.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Volume";
            };

            return Volume;
        })();

        /**
         * BackupResult enum.
         * @name tandem.v1.BackupResult
         * @enum {number}
         * @property {number} BACKUP_RESULT_UNSPECIFIED=0 BACKUP_RESULT_UNSPECIFIED value
         * @property {number} BACKUP_RESULT_SUCCESS=1 BACKUP_RESULT_SUCCESS value
         * @property {number} BACKUP_RESULT_FAILED=2 BACKUP_RESULT_FAILED value
         * @property {number} BACKUP_RESULT_RUNNING=3 BACKUP_RESULT_RUNNING value
         * @property {number} BACKUP_RESULT_UNKNOWN=4 BACKUP_RESULT_UNKNOWN value
         */
        v1.BackupResult = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "BACKUP_RESULT_UNSPECIFIED"] = 0;
            values[valuesById[1] = "BACKUP_RESULT_SUCCESS"] = 1;
            values[valuesById[2] = "BACKUP_RESULT_FAILED"] = 2;
            values[valuesById[3] = "BACKUP_RESULT_RUNNING"] = 3;
            values[valuesById[4] = "BACKUP_RESULT_UNKNOWN"] = 4;
            return values;
        })();

        v1.BackupStatus = (function() {

            /**
             * Properties of a BackupStatus.
             * @typedef {Object} tandem.v1.BackupStatus.$Properties
             * @property {tandem.v1.TopicState|null} [state] BackupStatus state
             * @property {string|null} [reason] BackupStatus reason
             * @property {Array.<tandem.v1.BackupJob.$Properties>|null} [jobs] BackupStatus jobs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BackupStatus.
             * @memberof tandem.v1
             * @interface IBackupStatus
             * @augments tandem.v1.BackupStatus.$Properties
             * @deprecated Use tandem.v1.BackupStatus.$Properties instead.
             */

            /**
             * Shape of a BackupStatus.
             * @typedef {tandem.v1.BackupStatus.$Properties} tandem.v1.BackupStatus.$Shape
             */

            /**
             * Constructs a new BackupStatus.
             * @memberof tandem.v1
             * @classdesc Represents a BackupStatus.
             * @constructor
             * @param {tandem.v1.BackupStatus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BackupStatus = function (properties) {
                this.jobs = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BackupStatus state.
             * @member {tandem.v1.TopicState} state
             * @memberof tandem.v1.BackupStatus
             * @instance
             */
            BackupStatus.prototype.state = 0;

            /**
             * BackupStatus reason.
             * @member {string|null|undefined} reason
             * @memberof tandem.v1.BackupStatus
             * @instance
             */
            BackupStatus.prototype.reason = null;

            /**
             * BackupStatus jobs.
             * @member {Array.<tandem.v1.BackupJob.$Properties>} jobs
             * @memberof tandem.v1.BackupStatus
             * @instance
             */
            BackupStatus.prototype.jobs = $util.emptyArray;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(BackupStatus.prototype, "_reason", {
                get: $util.oneOfGetter($oneOfFields = ["reason"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new BackupStatus instance using the specified properties.
             * @function create
             * @memberof tandem.v1.BackupStatus
             * @static
             * @param {tandem.v1.BackupStatus.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.BackupStatus} BackupStatus instance
             * @type {{
             *   (properties: tandem.v1.BackupStatus.$Shape): tandem.v1.BackupStatus & tandem.v1.BackupStatus.$Shape;
             *   (properties?: tandem.v1.BackupStatus.$Properties): tandem.v1.BackupStatus;
             * }}
             */
            BackupStatus.create = function(properties) {
                return new BackupStatus(properties);
            };

            /**
             * Encodes the specified BackupStatus message. Does not implicitly {@link tandem.v1.BackupStatus.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.BackupStatus
             * @static
             * @param {tandem.v1.BackupStatus.$Properties} message BackupStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BackupStatus.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.state);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                if (message.jobs != null && message.jobs.length)
                    for (let i = 0; i < message.jobs.length; ++i)
                        $root.tandem.v1.BackupJob.encode(message.jobs[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BackupStatus message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.BackupStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.BackupStatus & tandem.v1.BackupStatus.$Shape} BackupStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BackupStatus.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.BackupStatus();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.reason = reader.stringVerify();
                            message._reason = "reason";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.jobs && message.jobs.length))
                                message.jobs = [];
                            message.jobs.push($root.tandem.v1.BackupJob.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for BackupStatus
             * @function getTypeUrl
             * @memberof tandem.v1.BackupStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BackupStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.BackupStatus";
            };

            return BackupStatus;
        })();

        v1.BackupJob = (function() {

            /**
             * Properties of a BackupJob.
             * @typedef {Object} tandem.v1.BackupJob.$Properties
             * @property {string|null} [provider] BackupJob provider
             * @property {string|null} [name] BackupJob name
             * @property {number|null} [lastSuccessAtMs] BackupJob lastSuccessAtMs
             * @property {number|null} [lastAttemptAtMs] BackupJob lastAttemptAtMs
             * @property {tandem.v1.BackupResult|null} [lastResult] BackupJob lastResult
             * @property {string|null} [detail] BackupJob detail
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BackupJob.
             * @memberof tandem.v1
             * @interface IBackupJob
             * @augments tandem.v1.BackupJob.$Properties
             * @deprecated Use tandem.v1.BackupJob.$Properties instead.
             */

            /**
             * Shape of a BackupJob.
             * @typedef {tandem.v1.BackupJob.$Properties} tandem.v1.BackupJob.$Shape
             */

            /**
             * Constructs a new BackupJob.
             * @memberof tandem.v1
             * @classdesc Represents a BackupJob.
             * @constructor
             * @param {tandem.v1.BackupJob.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BackupJob = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BackupJob provider.
             * @member {string} provider
             * @memberof tandem.v1.BackupJob
             * @instance
             */
            BackupJob.prototype.provider = "";

            /**
             * BackupJob name.
             * @member {string} name
             * @memberof tandem.v1.BackupJob
             * @instance
             */
            BackupJob.prototype.name = "";

            /**
             * BackupJob lastSuccessAtMs.
             * @member {number|null|undefined} lastSuccessAtMs
             * @memberof tandem.v1.BackupJob
             * @instance
             */
            BackupJob.prototype.lastSuccessAtMs = null;

            /**
             * BackupJob lastAttemptAtMs.
             * @member {number|null|undefined} lastAttemptAtMs
             * @memberof tandem.v1.BackupJob
             * @instance
             */
            BackupJob.prototype.lastAttemptAtMs = null;

            /**
             * BackupJob lastResult.
             * @member {tandem.v1.BackupResult} lastResult
             * @memberof tandem.v1.BackupJob
             * @instance
             */
            BackupJob.prototype.lastResult = 0;

            /**
             * BackupJob detail.
             * @member {string|null|undefined} detail
             * @memberof tandem.v1.BackupJob
             * @instance
             */
            BackupJob.prototype.detail = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(BackupJob.prototype, "_lastSuccessAtMs", {
                get: $util.oneOfGetter($oneOfFields = ["lastSuccessAtMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(BackupJob.prototype, "_lastAttemptAtMs", {
                get: $util.oneOfGetter($oneOfFields = ["lastAttemptAtMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(BackupJob.prototype, "_detail", {
                get: $util.oneOfGetter($oneOfFields = ["detail"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new BackupJob instance using the specified properties.
             * @function create
             * @memberof tandem.v1.BackupJob
             * @static
             * @param {tandem.v1.BackupJob.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.BackupJob} BackupJob instance
             * @type {{
             *   (properties: tandem.v1.BackupJob.$Shape): tandem.v1.BackupJob & tandem.v1.BackupJob.$Shape;
             *   (properties?: tandem.v1.BackupJob.$Properties): tandem.v1.BackupJob;
             * }}
             */
            BackupJob.create = function(properties) {
                return new BackupJob(properties);
            };

            /**
             * Encodes the specified BackupJob message. Does not implicitly {@link tandem.v1.BackupJob.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.BackupJob
             * @static
             * @param {tandem.v1.BackupJob.$Properties} message BackupJob message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BackupJob.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.provider != null && $Object.hasOwnProperty.call(message, "provider") && message.provider !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.provider);
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
                if (message.lastSuccessAtMs != null && $Object.hasOwnProperty.call(message, "lastSuccessAtMs"))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.lastSuccessAtMs);
                if (message.lastAttemptAtMs != null && $Object.hasOwnProperty.call(message, "lastAttemptAtMs"))
                    writer.uint32(/* id 4, wireType 0 =*/32).int64(message.lastAttemptAtMs);
                if (message.lastResult != null && $Object.hasOwnProperty.call(message, "lastResult") && message.lastResult !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).int32(message.lastResult);
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.detail);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BackupJob message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.BackupJob
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.BackupJob & tandem.v1.BackupJob.$Shape} BackupJob
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BackupJob.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.BackupJob();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.provider = value;
                            else
                                delete message.provider;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            message.lastSuccessAtMs = reader.int64();
                            message._lastSuccessAtMs = "lastSuccessAtMs";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            message.lastAttemptAtMs = reader.int64();
                            message._lastAttemptAtMs = "lastAttemptAtMs";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.lastResult = value;
                            else
                                delete message.lastResult;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.detail = reader.stringVerify();
                            message._detail = "detail";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for BackupJob
             * @function getTypeUrl
             * @memberof tandem.v1.BackupJob
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BackupJob.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.BackupJob";
            };

            return BackupJob;
        })();

        /**
         * EncryptionState enum.
         * @name tandem.v1.EncryptionState
         * @enum {number}
         * @property {number} ENCRYPTION_STATE_UNSPECIFIED=0 ENCRYPTION_STATE_UNSPECIFIED value
         * @property {number} ENCRYPTION_STATE_ON=1 ENCRYPTION_STATE_ON value
         * @property {number} ENCRYPTION_STATE_OFF=2 ENCRYPTION_STATE_OFF value
         * @property {number} ENCRYPTION_STATE_ENCRYPTING=3 ENCRYPTION_STATE_ENCRYPTING value
         * @property {number} ENCRYPTION_STATE_DECRYPTING=4 ENCRYPTION_STATE_DECRYPTING value
         * @property {number} ENCRYPTION_STATE_UNKNOWN=5 ENCRYPTION_STATE_UNKNOWN value
         * @property {number} ENCRYPTION_STATE_SUSPENDED=6 ENCRYPTION_STATE_SUSPENDED value
         */
        v1.EncryptionState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ENCRYPTION_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ENCRYPTION_STATE_ON"] = 1;
            values[valuesById[2] = "ENCRYPTION_STATE_OFF"] = 2;
            values[valuesById[3] = "ENCRYPTION_STATE_ENCRYPTING"] = 3;
            values[valuesById[4] = "ENCRYPTION_STATE_DECRYPTING"] = 4;
            values[valuesById[5] = "ENCRYPTION_STATE_UNKNOWN"] = 5;
            values[valuesById[6] = "ENCRYPTION_STATE_SUSPENDED"] = 6;
            return values;
        })();

        /**
         * CheckState enum.
         * @name tandem.v1.CheckState
         * @enum {number}
         * @property {number} CHECK_STATE_UNSPECIFIED=0 CHECK_STATE_UNSPECIFIED value
         * @property {number} CHECK_STATE_ON=1 CHECK_STATE_ON value
         * @property {number} CHECK_STATE_OFF=2 CHECK_STATE_OFF value
         * @property {number} CHECK_STATE_UNKNOWN=3 CHECK_STATE_UNKNOWN value
         */
        v1.CheckState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "CHECK_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "CHECK_STATE_ON"] = 1;
            values[valuesById[2] = "CHECK_STATE_OFF"] = 2;
            values[valuesById[3] = "CHECK_STATE_UNKNOWN"] = 3;
            return values;
        })();

        v1.SecurityStatus = (function() {

            /**
             * Properties of a SecurityStatus.
             * @typedef {Object} tandem.v1.SecurityStatus.$Properties
             * @property {tandem.v1.TopicState|null} [state] SecurityStatus state
             * @property {string|null} [reason] SecurityStatus reason
             * @property {Array.<tandem.v1.Antivirus.$Properties>|null} [antivirus] SecurityStatus antivirus
             * @property {tandem.v1.Firewall.$Properties|null} [firewall] SecurityStatus firewall
             * @property {Array.<tandem.v1.Encryption.$Properties>|null} [encryption] SecurityStatus encryption
             * @property {Object.<string,tandem.v1.CheckState>|null} [checks] SecurityStatus checks
             * @property {Array.<tandem.v1.EndpointProtection.$Properties>|null} [endpointProtection] SecurityStatus endpointProtection
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SecurityStatus.
             * @memberof tandem.v1
             * @interface ISecurityStatus
             * @augments tandem.v1.SecurityStatus.$Properties
             * @deprecated Use tandem.v1.SecurityStatus.$Properties instead.
             */

            /**
             * Shape of a SecurityStatus.
             * @typedef {tandem.v1.SecurityStatus.$Properties} tandem.v1.SecurityStatus.$Shape
             */

            /**
             * Constructs a new SecurityStatus.
             * @memberof tandem.v1
             * @classdesc Represents a SecurityStatus.
             * @constructor
             * @param {tandem.v1.SecurityStatus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SecurityStatus = function (properties) {
                this.antivirus = [];
                this.encryption = [];
                this.checks = {};
                this.endpointProtection = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SecurityStatus state.
             * @member {tandem.v1.TopicState} state
             * @memberof tandem.v1.SecurityStatus
             * @instance
             */
            SecurityStatus.prototype.state = 0;

            /**
             * SecurityStatus reason.
             * @member {string|null|undefined} reason
             * @memberof tandem.v1.SecurityStatus
             * @instance
             */
            SecurityStatus.prototype.reason = null;

            /**
             * SecurityStatus antivirus.
             * @member {Array.<tandem.v1.Antivirus.$Properties>} antivirus
             * @memberof tandem.v1.SecurityStatus
             * @instance
             */
            SecurityStatus.prototype.antivirus = $util.emptyArray;

            /**
             * SecurityStatus firewall.
             * @member {tandem.v1.Firewall.$Properties|null|undefined} firewall
             * @memberof tandem.v1.SecurityStatus
             * @instance
             */
            SecurityStatus.prototype.firewall = null;

            /**
             * SecurityStatus encryption.
             * @member {Array.<tandem.v1.Encryption.$Properties>} encryption
             * @memberof tandem.v1.SecurityStatus
             * @instance
             */
            SecurityStatus.prototype.encryption = $util.emptyArray;

            /**
             * SecurityStatus checks.
             * @member {Object.<string,tandem.v1.CheckState>} checks
             * @memberof tandem.v1.SecurityStatus
             * @instance
             */
            SecurityStatus.prototype.checks = $util.emptyObject;

            /**
             * SecurityStatus endpointProtection.
             * @member {Array.<tandem.v1.EndpointProtection.$Properties>} endpointProtection
             * @memberof tandem.v1.SecurityStatus
             * @instance
             */
            SecurityStatus.prototype.endpointProtection = $util.emptyArray;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(SecurityStatus.prototype, "_reason", {
                get: $util.oneOfGetter($oneOfFields = ["reason"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new SecurityStatus instance using the specified properties.
             * @function create
             * @memberof tandem.v1.SecurityStatus
             * @static
             * @param {tandem.v1.SecurityStatus.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.SecurityStatus} SecurityStatus instance
             * @type {{
             *   (properties: tandem.v1.SecurityStatus.$Shape): tandem.v1.SecurityStatus & tandem.v1.SecurityStatus.$Shape;
             *   (properties?: tandem.v1.SecurityStatus.$Properties): tandem.v1.SecurityStatus;
             * }}
             */
            SecurityStatus.create = function(properties) {
                return new SecurityStatus(properties);
            };

            /**
             * Encodes the specified SecurityStatus message. Does not implicitly {@link tandem.v1.SecurityStatus.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.SecurityStatus
             * @static
             * @param {tandem.v1.SecurityStatus.$Properties} message SecurityStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SecurityStatus.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.state);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                if (message.antivirus != null && message.antivirus.length)
                    for (let i = 0; i < message.antivirus.length; ++i)
                        $root.tandem.v1.Antivirus.encode(message.antivirus[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.firewall != null && $Object.hasOwnProperty.call(message, "firewall"))
                    $root.tandem.v1.Firewall.encode(message.firewall, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.encryption != null && message.encryption.length)
                    for (let i = 0; i < message.encryption.length; ++i)
                        $root.tandem.v1.Encryption.encode(message.encryption[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.checks != null && $Object.hasOwnProperty.call(message, "checks"))
                    for (let keys = $Object.keys(message.checks), i = 0; i < keys.length; ++i)
                        writer.uint32(/* id 6, wireType 2 =*/50).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 0 =*/16).int32(message.checks[keys[i]]).ldelim();
                if (message.endpointProtection != null && message.endpointProtection.length)
                    for (let i = 0; i < message.endpointProtection.length; ++i)
                        $root.tandem.v1.EndpointProtection.encode(message.endpointProtection[i], writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SecurityStatus message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.SecurityStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.SecurityStatus & tandem.v1.SecurityStatus.$Shape} SecurityStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SecurityStatus.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, key, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.SecurityStatus();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.reason = reader.stringVerify();
                            message._reason = "reason";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.antivirus && message.antivirus.length))
                                message.antivirus = [];
                            message.antivirus.push($root.tandem.v1.Antivirus.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.firewall = $root.tandem.v1.Firewall.decode(reader, reader.size(), $undefined, _depth + 1, message.firewall);
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.encryption && message.encryption.length))
                                message.encryption = [];
                            message.encryption.push($root.tandem.v1.Encryption.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (message.checks === $util.emptyObject)
                                message.checks = {};
                            let end2 = reader.size() + reader.pos;
                            if (end2 > reader.len)
                                throw $RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = 0;
                            while (reader.pos < end2) {
                                let tag2 = reader.tag();
                                wireType = tag2 & 7;
                                switch (tag2 >>>= 3) {
                                case 1:
                                    if (wireType !== 2)
                                        break;
                                    key = reader.stringVerify();
                                    continue;
                                case 2:
                                    if (wireType !== 0)
                                        break;
                                    value = reader.int32();
                                    continue;
                                }
                                reader.skipType(wireType, _depth, tag2);
                            }
                            if (reader.pos !== end2)
                                throw $RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.checks, key);
                            message.checks[key] = value;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if (!(message.endpointProtection && message.endpointProtection.length))
                                message.endpointProtection = [];
                            message.endpointProtection.push($root.tandem.v1.EndpointProtection.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for SecurityStatus
             * @function getTypeUrl
             * @memberof tandem.v1.SecurityStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SecurityStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.SecurityStatus";
            };

            return SecurityStatus;
        })();

        v1.EndpointProtection = (function() {

            /**
             * Properties of an EndpointProtection.
             * @typedef {Object} tandem.v1.EndpointProtection.$Properties
             * @property {string|null} [product] EndpointProtection product
             * @property {boolean|null} [installed] EndpointProtection installed
             * @property {boolean|null} [running] EndpointProtection running
             * @property {boolean|null} [onboarded] EndpointProtection onboarded
             * @property {boolean|null} [connected] EndpointProtection connected
             * @property {number|null} [lastContactAtMs] EndpointProtection lastContactAtMs
             * @property {string|null} [version] EndpointProtection version
             * @property {boolean|null} [outdated] EndpointProtection outdated
             * @property {boolean|null} [reducedFunctionality] EndpointProtection reducedFunctionality
             * @property {boolean|null} [tamperProtection] EndpointProtection tamperProtection
             * @property {string|null} [detail] EndpointProtection detail
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EndpointProtection.
             * @memberof tandem.v1
             * @interface IEndpointProtection
             * @augments tandem.v1.EndpointProtection.$Properties
             * @deprecated Use tandem.v1.EndpointProtection.$Properties instead.
             */

            /**
             * Shape of an EndpointProtection.
             * @typedef {tandem.v1.EndpointProtection.$Properties} tandem.v1.EndpointProtection.$Shape
             */

            /**
             * Constructs a new EndpointProtection.
             * @memberof tandem.v1
             * @classdesc Represents an EndpointProtection.
             * @constructor
             * @param {tandem.v1.EndpointProtection.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EndpointProtection = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EndpointProtection product.
             * @member {string} product
             * @memberof tandem.v1.EndpointProtection
             * @instance
             */
            EndpointProtection.prototype.product = "";

            /**
             * EndpointProtection installed.
             * @member {boolean|null|undefined} installed
             * @memberof tandem.v1.EndpointProtection
             * @instance
             */
            EndpointProtection.prototype.installed = null;

            /**
             * EndpointProtection running.
             * @member {boolean|null|undefined} running
             * @memberof tandem.v1.EndpointProtection
             * @instance
             */
            EndpointProtection.prototype.running = null;

            /**
             * EndpointProtection onboarded.
             * @member {boolean|null|undefined} onboarded
             * @memberof tandem.v1.EndpointProtection
             * @instance
             */
            EndpointProtection.prototype.onboarded = null;

            /**
             * EndpointProtection connected.
             * @member {boolean|null|undefined} connected
             * @memberof tandem.v1.EndpointProtection
             * @instance
             */
            EndpointProtection.prototype.connected = null;

            /**
             * EndpointProtection lastContactAtMs.
             * @member {number|null|undefined} lastContactAtMs
             * @memberof tandem.v1.EndpointProtection
             * @instance
             */
            EndpointProtection.prototype.lastContactAtMs = null;

            /**
             * EndpointProtection version.
             * @member {string|null|undefined} version
             * @memberof tandem.v1.EndpointProtection
             * @instance
             */
            EndpointProtection.prototype.version = null;

            /**
             * EndpointProtection outdated.
             * @member {boolean|null|undefined} outdated
             * @memberof tandem.v1.EndpointProtection
             * @instance
             */
            EndpointProtection.prototype.outdated = null;

            /**
             * EndpointProtection reducedFunctionality.
             * @member {boolean|null|undefined} reducedFunctionality
             * @memberof tandem.v1.EndpointProtection
             * @instance
             */
            EndpointProtection.prototype.reducedFunctionality = null;

            /**
             * EndpointProtection tamperProtection.
             * @member {boolean|null|undefined} tamperProtection
             * @memberof tandem.v1.EndpointProtection
             * @instance
             */
            EndpointProtection.prototype.tamperProtection = null;

            /**
             * EndpointProtection detail.
             * @member {string|null|undefined} detail
             * @memberof tandem.v1.EndpointProtection
             * @instance
             */
            EndpointProtection.prototype.detail = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(EndpointProtection.prototype, "_installed", {
                get: $util.oneOfGetter($oneOfFields = ["installed"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(EndpointProtection.prototype, "_running", {
                get: $util.oneOfGetter($oneOfFields = ["running"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(EndpointProtection.prototype, "_onboarded", {
                get: $util.oneOfGetter($oneOfFields = ["onboarded"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(EndpointProtection.prototype, "_connected", {
                get: $util.oneOfGetter($oneOfFields = ["connected"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(EndpointProtection.prototype, "_lastContactAtMs", {
                get: $util.oneOfGetter($oneOfFields = ["lastContactAtMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(EndpointProtection.prototype, "_version", {
                get: $util.oneOfGetter($oneOfFields = ["version"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(EndpointProtection.prototype, "_outdated", {
                get: $util.oneOfGetter($oneOfFields = ["outdated"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(EndpointProtection.prototype, "_reducedFunctionality", {
                get: $util.oneOfGetter($oneOfFields = ["reducedFunctionality"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(EndpointProtection.prototype, "_tamperProtection", {
                get: $util.oneOfGetter($oneOfFields = ["tamperProtection"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(EndpointProtection.prototype, "_detail", {
                get: $util.oneOfGetter($oneOfFields = ["detail"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new EndpointProtection instance using the specified properties.
             * @function create
             * @memberof tandem.v1.EndpointProtection
             * @static
             * @param {tandem.v1.EndpointProtection.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.EndpointProtection} EndpointProtection instance
             * @type {{
             *   (properties: tandem.v1.EndpointProtection.$Shape): tandem.v1.EndpointProtection & tandem.v1.EndpointProtection.$Shape;
             *   (properties?: tandem.v1.EndpointProtection.$Properties): tandem.v1.EndpointProtection;
             * }}
             */
            EndpointProtection.create = function(properties) {
                return new EndpointProtection(properties);
            };

            /**
             * Encodes the specified EndpointProtection message. Does not implicitly {@link tandem.v1.EndpointProtection.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.EndpointProtection
             * @static
             * @param {tandem.v1.EndpointProtection.$Properties} message EndpointProtection message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EndpointProtection.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.product != null && $Object.hasOwnProperty.call(message, "product") && message.product !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.product);
                if (message.installed != null && $Object.hasOwnProperty.call(message, "installed"))
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.installed);
                if (message.running != null && $Object.hasOwnProperty.call(message, "running"))
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.running);
                if (message.onboarded != null && $Object.hasOwnProperty.call(message, "onboarded"))
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.onboarded);
                if (message.connected != null && $Object.hasOwnProperty.call(message, "connected"))
                    writer.uint32(/* id 5, wireType 0 =*/40).bool(message.connected);
                if (message.lastContactAtMs != null && $Object.hasOwnProperty.call(message, "lastContactAtMs"))
                    writer.uint32(/* id 6, wireType 0 =*/48).int64(message.lastContactAtMs);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.version);
                if (message.outdated != null && $Object.hasOwnProperty.call(message, "outdated"))
                    writer.uint32(/* id 8, wireType 0 =*/64).bool(message.outdated);
                if (message.reducedFunctionality != null && $Object.hasOwnProperty.call(message, "reducedFunctionality"))
                    writer.uint32(/* id 9, wireType 0 =*/72).bool(message.reducedFunctionality);
                if (message.tamperProtection != null && $Object.hasOwnProperty.call(message, "tamperProtection"))
                    writer.uint32(/* id 10, wireType 0 =*/80).bool(message.tamperProtection);
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                    writer.uint32(/* id 11, wireType 2 =*/90).string(message.detail);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an EndpointProtection message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.EndpointProtection
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.EndpointProtection & tandem.v1.EndpointProtection.$Shape} EndpointProtection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EndpointProtection.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.EndpointProtection();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.product = value;
                            else
                                delete message.product;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            message.installed = reader.bool();
                            message._installed = "installed";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            message.running = reader.bool();
                            message._running = "running";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            message.onboarded = reader.bool();
                            message._onboarded = "onboarded";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            message.connected = reader.bool();
                            message._connected = "connected";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            message.lastContactAtMs = reader.int64();
                            message._lastContactAtMs = "lastContactAtMs";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.version = reader.stringVerify();
                            message._version = "version";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            message.outdated = reader.bool();
                            message._outdated = "outdated";
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            message.reducedFunctionality = reader.bool();
                            message._reducedFunctionality = "reducedFunctionality";
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            message.tamperProtection = reader.bool();
                            message._tamperProtection = "tamperProtection";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.detail = reader.stringVerify();
                            message._detail = "detail";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for EndpointProtection
             * @function getTypeUrl
             * @memberof tandem.v1.EndpointProtection
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EndpointProtection.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.EndpointProtection";
            };

            return EndpointProtection;
        })();

        v1.Antivirus = (function() {

            /**
             * Properties of an Antivirus.
             * @typedef {Object} tandem.v1.Antivirus.$Properties
             * @property {string|null} [product] Antivirus product
             * @property {boolean|null} [enabled] Antivirus enabled
             * @property {boolean|null} [realTime] Antivirus realTime
             * @property {boolean|null} [upToDate] Antivirus upToDate
             * @property {number|null} [signaturesUpdatedAtMs] Antivirus signaturesUpdatedAtMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Antivirus.
             * @memberof tandem.v1
             * @interface IAntivirus
             * @augments tandem.v1.Antivirus.$Properties
             * @deprecated Use tandem.v1.Antivirus.$Properties instead.
             */

            /**
             * Shape of an Antivirus.
             * @typedef {tandem.v1.Antivirus.$Properties} tandem.v1.Antivirus.$Shape
             */

            /**
             * Constructs a new Antivirus.
             * @memberof tandem.v1
             * @classdesc Represents an Antivirus.
             * @constructor
             * @param {tandem.v1.Antivirus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Antivirus = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Antivirus product.
             * @member {string} product
             * @memberof tandem.v1.Antivirus
             * @instance
             */
            Antivirus.prototype.product = "";

            /**
             * Antivirus enabled.
             * @member {boolean|null|undefined} enabled
             * @memberof tandem.v1.Antivirus
             * @instance
             */
            Antivirus.prototype.enabled = null;

            /**
             * Antivirus realTime.
             * @member {boolean|null|undefined} realTime
             * @memberof tandem.v1.Antivirus
             * @instance
             */
            Antivirus.prototype.realTime = null;

            /**
             * Antivirus upToDate.
             * @member {boolean|null|undefined} upToDate
             * @memberof tandem.v1.Antivirus
             * @instance
             */
            Antivirus.prototype.upToDate = null;

            /**
             * Antivirus signaturesUpdatedAtMs.
             * @member {number|null|undefined} signaturesUpdatedAtMs
             * @memberof tandem.v1.Antivirus
             * @instance
             */
            Antivirus.prototype.signaturesUpdatedAtMs = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Antivirus.prototype, "_enabled", {
                get: $util.oneOfGetter($oneOfFields = ["enabled"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Antivirus.prototype, "_realTime", {
                get: $util.oneOfGetter($oneOfFields = ["realTime"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Antivirus.prototype, "_upToDate", {
                get: $util.oneOfGetter($oneOfFields = ["upToDate"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Antivirus.prototype, "_signaturesUpdatedAtMs", {
                get: $util.oneOfGetter($oneOfFields = ["signaturesUpdatedAtMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Antivirus instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Antivirus
             * @static
             * @param {tandem.v1.Antivirus.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Antivirus} Antivirus instance
             * @type {{
             *   (properties: tandem.v1.Antivirus.$Shape): tandem.v1.Antivirus & tandem.v1.Antivirus.$Shape;
             *   (properties?: tandem.v1.Antivirus.$Properties): tandem.v1.Antivirus;
             * }}
             */
            Antivirus.create = function(properties) {
                return new Antivirus(properties);
            };

            /**
             * Encodes the specified Antivirus message. Does not implicitly {@link tandem.v1.Antivirus.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Antivirus
             * @static
             * @param {tandem.v1.Antivirus.$Properties} message Antivirus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Antivirus.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.product != null && $Object.hasOwnProperty.call(message, "product") && message.product !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.product);
                if (message.enabled != null && $Object.hasOwnProperty.call(message, "enabled"))
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.enabled);
                if (message.realTime != null && $Object.hasOwnProperty.call(message, "realTime"))
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.realTime);
                if (message.upToDate != null && $Object.hasOwnProperty.call(message, "upToDate"))
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.upToDate);
                if (message.signaturesUpdatedAtMs != null && $Object.hasOwnProperty.call(message, "signaturesUpdatedAtMs"))
                    writer.uint32(/* id 5, wireType 0 =*/40).int64(message.signaturesUpdatedAtMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Antivirus message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Antivirus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Antivirus & tandem.v1.Antivirus.$Shape} Antivirus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Antivirus.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Antivirus();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.product = value;
                            else
                                delete message.product;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            message.enabled = reader.bool();
                            message._enabled = "enabled";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            message.realTime = reader.bool();
                            message._realTime = "realTime";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            message.upToDate = reader.bool();
                            message._upToDate = "upToDate";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            message.signaturesUpdatedAtMs = reader.int64();
                            message._signaturesUpdatedAtMs = "signaturesUpdatedAtMs";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Antivirus
             * @function getTypeUrl
             * @memberof tandem.v1.Antivirus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Antivirus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Antivirus";
            };

            return Antivirus;
        })();

        v1.Firewall = (function() {

            /**
             * Properties of a Firewall.
             * @typedef {Object} tandem.v1.Firewall.$Properties
             * @property {boolean|null} [enabled] Firewall enabled
             * @property {Array.<tandem.v1.FirewallProfile.$Properties>|null} [profiles] Firewall profiles
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Firewall.
             * @memberof tandem.v1
             * @interface IFirewall
             * @augments tandem.v1.Firewall.$Properties
             * @deprecated Use tandem.v1.Firewall.$Properties instead.
             */

            /**
             * Shape of a Firewall.
             * @typedef {tandem.v1.Firewall.$Properties} tandem.v1.Firewall.$Shape
             */

            /**
             * Constructs a new Firewall.
             * @memberof tandem.v1
             * @classdesc Represents a Firewall.
             * @constructor
             * @param {tandem.v1.Firewall.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Firewall = function (properties) {
                this.profiles = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Firewall enabled.
             * @member {boolean|null|undefined} enabled
             * @memberof tandem.v1.Firewall
             * @instance
             */
            Firewall.prototype.enabled = null;

            /**
             * Firewall profiles.
             * @member {Array.<tandem.v1.FirewallProfile.$Properties>} profiles
             * @memberof tandem.v1.Firewall
             * @instance
             */
            Firewall.prototype.profiles = $util.emptyArray;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Firewall.prototype, "_enabled", {
                get: $util.oneOfGetter($oneOfFields = ["enabled"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Firewall instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Firewall
             * @static
             * @param {tandem.v1.Firewall.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Firewall} Firewall instance
             * @type {{
             *   (properties: tandem.v1.Firewall.$Shape): tandem.v1.Firewall & tandem.v1.Firewall.$Shape;
             *   (properties?: tandem.v1.Firewall.$Properties): tandem.v1.Firewall;
             * }}
             */
            Firewall.create = function(properties) {
                return new Firewall(properties);
            };

            /**
             * Encodes the specified Firewall message. Does not implicitly {@link tandem.v1.Firewall.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Firewall
             * @static
             * @param {tandem.v1.Firewall.$Properties} message Firewall message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Firewall.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.enabled != null && $Object.hasOwnProperty.call(message, "enabled"))
                    writer.uint32(/* id 1, wireType 0 =*/8).bool(message.enabled);
                if (message.profiles != null && message.profiles.length)
                    for (let i = 0; i < message.profiles.length; ++i)
                        $root.tandem.v1.FirewallProfile.encode(message.profiles[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Firewall message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Firewall
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Firewall & tandem.v1.Firewall.$Shape} Firewall
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Firewall.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Firewall();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            message.enabled = reader.bool();
                            message._enabled = "enabled";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.profiles && message.profiles.length))
                                message.profiles = [];
                            message.profiles.push($root.tandem.v1.FirewallProfile.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Firewall
             * @function getTypeUrl
             * @memberof tandem.v1.Firewall
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Firewall.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Firewall";
            };

            return Firewall;
        })();

        v1.FirewallProfile = (function() {

            /**
             * Properties of a FirewallProfile.
             * @typedef {Object} tandem.v1.FirewallProfile.$Properties
             * @property {string|null} [name] FirewallProfile name
             * @property {boolean|null} [enabled] FirewallProfile enabled
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FirewallProfile.
             * @memberof tandem.v1
             * @interface IFirewallProfile
             * @augments tandem.v1.FirewallProfile.$Properties
             * @deprecated Use tandem.v1.FirewallProfile.$Properties instead.
             */

            /**
             * Shape of a FirewallProfile.
             * @typedef {tandem.v1.FirewallProfile.$Properties} tandem.v1.FirewallProfile.$Shape
             */

            /**
             * Constructs a new FirewallProfile.
             * @memberof tandem.v1
             * @classdesc Represents a FirewallProfile.
             * @constructor
             * @param {tandem.v1.FirewallProfile.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FirewallProfile = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * FirewallProfile name.
             * @member {string} name
             * @memberof tandem.v1.FirewallProfile
             * @instance
             */
            FirewallProfile.prototype.name = "";

            /**
             * FirewallProfile enabled.
             * @member {boolean|null|undefined} enabled
             * @memberof tandem.v1.FirewallProfile
             * @instance
             */
            FirewallProfile.prototype.enabled = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(FirewallProfile.prototype, "_enabled", {
                get: $util.oneOfGetter($oneOfFields = ["enabled"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new FirewallProfile instance using the specified properties.
             * @function create
             * @memberof tandem.v1.FirewallProfile
             * @static
             * @param {tandem.v1.FirewallProfile.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.FirewallProfile} FirewallProfile instance
             * @type {{
             *   (properties: tandem.v1.FirewallProfile.$Shape): tandem.v1.FirewallProfile & tandem.v1.FirewallProfile.$Shape;
             *   (properties?: tandem.v1.FirewallProfile.$Properties): tandem.v1.FirewallProfile;
             * }}
             */
            FirewallProfile.create = function(properties) {
                return new FirewallProfile(properties);
            };

            /**
             * Encodes the specified FirewallProfile message. Does not implicitly {@link tandem.v1.FirewallProfile.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.FirewallProfile
             * @static
             * @param {tandem.v1.FirewallProfile.$Properties} message FirewallProfile message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FirewallProfile.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.enabled != null && $Object.hasOwnProperty.call(message, "enabled"))
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.enabled);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a FirewallProfile message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.FirewallProfile
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.FirewallProfile & tandem.v1.FirewallProfile.$Shape} FirewallProfile
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FirewallProfile.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.FirewallProfile();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            message.enabled = reader.bool();
                            message._enabled = "enabled";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for FirewallProfile
             * @function getTypeUrl
             * @memberof tandem.v1.FirewallProfile
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            FirewallProfile.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.FirewallProfile";
            };

            return FirewallProfile;
        })();

        v1.Encryption = (function() {

            /**
             * Properties of an Encryption.
             * @typedef {Object} tandem.v1.Encryption.$Properties
             * @property {string|null} [mount] Encryption mount
             * @property {tandem.v1.EncryptionState|null} [state] Encryption state
             * @property {string|null} [method] Encryption method
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Encryption.
             * @memberof tandem.v1
             * @interface IEncryption
             * @augments tandem.v1.Encryption.$Properties
             * @deprecated Use tandem.v1.Encryption.$Properties instead.
             */

            /**
             * Shape of an Encryption.
             * @typedef {tandem.v1.Encryption.$Properties} tandem.v1.Encryption.$Shape
             */

            /**
             * Constructs a new Encryption.
             * @memberof tandem.v1
             * @classdesc Represents an Encryption.
             * @constructor
             * @param {tandem.v1.Encryption.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Encryption = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Encryption mount.
             * @member {string} mount
             * @memberof tandem.v1.Encryption
             * @instance
             */
            Encryption.prototype.mount = "";

            /**
             * Encryption state.
             * @member {tandem.v1.EncryptionState} state
             * @memberof tandem.v1.Encryption
             * @instance
             */
            Encryption.prototype.state = 0;

            /**
             * Encryption method.
             * @member {string|null|undefined} method
             * @memberof tandem.v1.Encryption
             * @instance
             */
            Encryption.prototype.method = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Encryption.prototype, "_method", {
                get: $util.oneOfGetter($oneOfFields = ["method"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Encryption instance using the specified properties.
             * @function create
             * @memberof tandem.v1.Encryption
             * @static
             * @param {tandem.v1.Encryption.$Properties=} [properties] Properties to set
             * @returns {tandem.v1.Encryption} Encryption instance
             * @type {{
             *   (properties: tandem.v1.Encryption.$Shape): tandem.v1.Encryption & tandem.v1.Encryption.$Shape;
             *   (properties?: tandem.v1.Encryption.$Properties): tandem.v1.Encryption;
             * }}
             */
            Encryption.create = function(properties) {
                return new Encryption(properties);
            };

            /**
             * Encodes the specified Encryption message. Does not implicitly {@link tandem.v1.Encryption.verify|verify} messages.
             * @function encode
             * @memberof tandem.v1.Encryption
             * @static
             * @param {tandem.v1.Encryption.$Properties} message Encryption message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Encryption.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.mount != null && $Object.hasOwnProperty.call(message, "mount") && message.mount !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.mount);
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.state);
                if (message.method != null && $Object.hasOwnProperty.call(message, "method"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.method);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Encryption message from the specified reader or buffer.
             * @function decode
             * @memberof tandem.v1.Encryption
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {tandem.v1.Encryption & tandem.v1.Encryption.$Shape} Encryption
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Encryption.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.tandem.v1.Encryption();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.mount = value;
                            else
                                delete message.mount;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.method = reader.stringVerify();
                            message._method = "method";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Gets the type url for Encryption
             * @function getTypeUrl
             * @memberof tandem.v1.Encryption
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Encryption.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/tandem.v1.Encryption";
            };

            return Encryption;
        })();

        return v1;
    })();

    return tandem;
})();

export {
  $root as default
};
