// 64-bit fields in this schema are times in milliseconds and byte counts,
// all far below 2^53: read them as plain numbers, not Long objects.
import protobuf from 'protobufjs/minimal.js';

protobuf.util.Long = undefined as unknown as typeof protobuf.util.Long;
protobuf.configure();
