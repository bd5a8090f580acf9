import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace tandem. */
export namespace tandem {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of a Frame.
         * @deprecated Use tandem.v1.Frame.$Properties instead.
         */
        interface IFrame extends tandem.v1.Frame.$Properties {
        }

        /** Represents a Frame. */
        class Frame {

            /**
             * Constructs a new Frame.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Frame.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Frame seq. */
            seq: number;

            /** Frame hello. */
            hello?: (tandem.v1.Hello.$Properties|null);

            /** Frame welcome. */
            welcome?: (tandem.v1.Welcome.$Properties|null);

            /** Frame report. */
            report?: (tandem.v1.Report.$Properties|null);

            /** Frame ack. */
            ack?: (tandem.v1.Ack.$Properties|null);

            /** Frame heartbeat. */
            heartbeat?: (tandem.v1.Heartbeat.$Properties|null);

            /** Frame error. */
            error?: (tandem.v1.Error.$Properties|null);

            /** Frame gap. */
            gap?: (tandem.v1.Gap.$Properties|null);

            /** Frame policy. */
            policy?: (tandem.v1.Policy.$Properties|null);

            /** Frame goodbye. */
            goodbye?: (tandem.v1.Goodbye.$Properties|null);

            /** Frame body. */
            body?: ("hello"|"welcome"|"report"|"ack"|"heartbeat"|"error"|"gap"|"policy"|"goodbye");

            /**
             * Creates a new Frame instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Frame instance
             */
            static create(properties: tandem.v1.Frame.$Shape): tandem.v1.Frame & tandem.v1.Frame.$Shape;
            static create(properties?: tandem.v1.Frame.$Properties): tandem.v1.Frame;

            /**
             * Encodes the specified Frame message. Does not implicitly {@link tandem.v1.Frame.verify|verify} messages.
             * @param message Frame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Frame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Frame message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Frame & tandem.v1.Frame.$Shape} Frame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Frame & tandem.v1.Frame.$Shape;

            /**
             * Gets the type url for Frame
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Frame {

            /** Properties of a Frame. */
            interface $Properties {

                /** Frame seq */
                seq?: (number|null);

                /** Frame hello */
                hello?: (tandem.v1.Hello.$Properties|null);

                /** Frame welcome */
                welcome?: (tandem.v1.Welcome.$Properties|null);

                /** Frame report */
                report?: (tandem.v1.Report.$Properties|null);

                /** Frame ack */
                ack?: (tandem.v1.Ack.$Properties|null);

                /** Frame heartbeat */
                heartbeat?: (tandem.v1.Heartbeat.$Properties|null);

                /** Frame error */
                error?: (tandem.v1.Error.$Properties|null);

                /** Frame gap */
                gap?: (tandem.v1.Gap.$Properties|null);

                /** Frame policy */
                policy?: (tandem.v1.Policy.$Properties|null);

                /** Frame goodbye */
                goodbye?: (tandem.v1.Goodbye.$Properties|null);

                /** Frame body */
                body?: ("hello"|"welcome"|"report"|"ack"|"heartbeat"|"error"|"gap"|"policy"|"goodbye");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a Frame. */
            type $Shape = {
              seq?: number|null;
              hello?: tandem.v1.Hello.$Shape|null;
              welcome?: tandem.v1.Welcome.$Shape|null;
              report?: tandem.v1.Report.$Shape|null;
              ack?: tandem.v1.Ack.$Shape|null;
              heartbeat?: tandem.v1.Heartbeat.$Shape|null;
              error?: tandem.v1.Error.$Shape|null;
              gap?: tandem.v1.Gap.$Shape|null;
              policy?: tandem.v1.Policy.$Shape|null;
              goodbye?: tandem.v1.Goodbye.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "hello"; hello: tandem.v1.Hello.$Shape; welcome?: null; report?: null; ack?: null; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "welcome"; hello?: null; welcome: tandem.v1.Welcome.$Shape; report?: null; ack?: null; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "report"; hello?: null; welcome?: null; report: tandem.v1.Report.$Shape; ack?: null; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "ack"; hello?: null; welcome?: null; report?: null; ack: tandem.v1.Ack.$Shape; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "heartbeat"; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat: tandem.v1.Heartbeat.$Shape; error?: null; gap?: null; policy?: null; goodbye?: null }|{ body?: "error"; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat?: null; error: tandem.v1.Error.$Shape; gap?: null; policy?: null; goodbye?: null }|{ body?: "gap"; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat?: null; error?: null; gap: tandem.v1.Gap.$Shape; policy?: null; goodbye?: null }|{ body?: "policy"; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat?: null; error?: null; gap?: null; policy: tandem.v1.Policy.$Shape; goodbye?: null }|{ body?: "goodbye"; hello?: null; welcome?: null; report?: null; ack?: null; heartbeat?: null; error?: null; gap?: null; policy?: null; goodbye: tandem.v1.Goodbye.$Shape })
            );
        }

        /**
         * Properties of a Hello.
         * @deprecated Use tandem.v1.Hello.$Properties instead.
         */
        interface IHello extends tandem.v1.Hello.$Properties {
        }

        /** Represents a Hello. */
        class Hello {

            /**
             * Constructs a new Hello.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Hello.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Hello deviceId. */
            deviceId: string;

            /** Hello agentVersion. */
            agentVersion: string;

            /** Hello protocolVersion. */
            protocolVersion: string;

            /** Hello lastSeq. */
            lastSeq: number;

            /** Hello hostname. */
            hostname: string;

            /** Hello os. */
            os: string;

            /**
             * Creates a new Hello instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Hello instance
             */
            static create(properties: tandem.v1.Hello.$Shape): tandem.v1.Hello & tandem.v1.Hello.$Shape;
            static create(properties?: tandem.v1.Hello.$Properties): tandem.v1.Hello;

            /**
             * Encodes the specified Hello message. Does not implicitly {@link tandem.v1.Hello.verify|verify} messages.
             * @param message Hello message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Hello & tandem.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Hello & tandem.v1.Hello.$Shape;

            /**
             * Gets the type url for Hello
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Hello {

            /** Properties of a Hello. */
            interface $Properties {

                /** Hello deviceId */
                deviceId?: (string|null);

                /** Hello agentVersion */
                agentVersion?: (string|null);

                /** Hello protocolVersion */
                protocolVersion?: (string|null);

                /** Hello lastSeq */
                lastSeq?: (number|null);

                /** Hello hostname */
                hostname?: (string|null);

                /** Hello os */
                os?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Hello. */
            type $Shape = tandem.v1.Hello.$Properties;
        }

        /**
         * Properties of a Welcome.
         * @deprecated Use tandem.v1.Welcome.$Properties instead.
         */
        interface IWelcome extends tandem.v1.Welcome.$Properties {
        }

        /** Represents a Welcome. */
        class Welcome {

            /**
             * Constructs a new Welcome.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Welcome.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Welcome collectorVersion. */
            collectorVersion: string;

            /** Welcome protocolVersion. */
            protocolVersion: string;

            /** Welcome lastCommittedSeq. */
            lastCommittedSeq: number;

            /** Welcome heartbeatIntervalSeconds. */
            heartbeatIntervalSeconds: number;

            /** Welcome maxFrameBytes. */
            maxFrameBytes: number;

            /** Welcome maxInFlight. */
            maxInFlight: number;

            /** Welcome deviceId. */
            deviceId: string;

            /** Welcome tenantId. */
            tenantId: string;

            /**
             * Creates a new Welcome instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Welcome instance
             */
            static create(properties: tandem.v1.Welcome.$Shape): tandem.v1.Welcome & tandem.v1.Welcome.$Shape;
            static create(properties?: tandem.v1.Welcome.$Properties): tandem.v1.Welcome;

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link tandem.v1.Welcome.verify|verify} messages.
             * @param message Welcome message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Welcome.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Welcome & tandem.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Welcome & tandem.v1.Welcome.$Shape;

            /**
             * Gets the type url for Welcome
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Welcome {

            /** Properties of a Welcome. */
            interface $Properties {

                /** Welcome collectorVersion */
                collectorVersion?: (string|null);

                /** Welcome protocolVersion */
                protocolVersion?: (string|null);

                /** Welcome lastCommittedSeq */
                lastCommittedSeq?: (number|null);

                /** Welcome heartbeatIntervalSeconds */
                heartbeatIntervalSeconds?: (number|null);

                /** Welcome maxFrameBytes */
                maxFrameBytes?: (number|null);

                /** Welcome maxInFlight */
                maxInFlight?: (number|null);

                /** Welcome deviceId */
                deviceId?: (string|null);

                /** Welcome tenantId */
                tenantId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Welcome. */
            type $Shape = tandem.v1.Welcome.$Properties;
        }

        /**
         * Properties of an Ack.
         * @deprecated Use tandem.v1.Ack.$Properties instead.
         */
        interface IAck extends tandem.v1.Ack.$Properties {
        }

        /** Represents an Ack. */
        class Ack {

            /**
             * Constructs a new Ack.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Ack.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Ack seq. */
            seq: number;

            /**
             * Creates a new Ack instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Ack instance
             */
            static create(properties: tandem.v1.Ack.$Shape): tandem.v1.Ack & tandem.v1.Ack.$Shape;
            static create(properties?: tandem.v1.Ack.$Properties): tandem.v1.Ack;

            /**
             * Encodes the specified Ack message. Does not implicitly {@link tandem.v1.Ack.verify|verify} messages.
             * @param message Ack message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Ack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Ack & tandem.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Ack & tandem.v1.Ack.$Shape;

            /**
             * Gets the type url for Ack
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ack {

            /** Properties of an Ack. */
            interface $Properties {

                /** Ack seq */
                seq?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Ack. */
            type $Shape = tandem.v1.Ack.$Properties;
        }

        /**
         * Properties of a Heartbeat.
         * @deprecated Use tandem.v1.Heartbeat.$Properties instead.
         */
        interface IHeartbeat extends tandem.v1.Heartbeat.$Properties {
        }

        /** Represents a Heartbeat. */
        class Heartbeat {

            /**
             * Constructs a new Heartbeat.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Heartbeat.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Heartbeat sentAtMs. */
            sentAtMs: number;

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Heartbeat instance
             */
            static create(properties: tandem.v1.Heartbeat.$Shape): tandem.v1.Heartbeat & tandem.v1.Heartbeat.$Shape;
            static create(properties?: tandem.v1.Heartbeat.$Properties): tandem.v1.Heartbeat;

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link tandem.v1.Heartbeat.verify|verify} messages.
             * @param message Heartbeat message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Heartbeat & tandem.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Heartbeat & tandem.v1.Heartbeat.$Shape;

            /**
             * Gets the type url for Heartbeat
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Heartbeat {

            /** Properties of a Heartbeat. */
            interface $Properties {

                /** Heartbeat sentAtMs */
                sentAtMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Heartbeat. */
            type $Shape = tandem.v1.Heartbeat.$Properties;
        }

        /**
         * Properties of an Error.
         * @deprecated Use tandem.v1.Error.$Properties instead.
         */
        interface IError extends tandem.v1.Error.$Properties {
        }

        /** Represents an Error. */
        class Error {

            /**
             * Constructs a new Error.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Error.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Error code. */
            code: string;

            /** Error message. */
            message: string;

            /**
             * Creates a new Error instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Error instance
             */
            static create(properties: tandem.v1.Error.$Shape): tandem.v1.Error & tandem.v1.Error.$Shape;
            static create(properties?: tandem.v1.Error.$Properties): tandem.v1.Error;

            /**
             * Encodes the specified Error message. Does not implicitly {@link tandem.v1.Error.verify|verify} messages.
             * @param message Error message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Error & tandem.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Error & tandem.v1.Error.$Shape;

            /**
             * Gets the type url for Error
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Error {

            /** Properties of an Error. */
            interface $Properties {

                /** Error code */
                code?: (string|null);

                /** Error message */
                message?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Error. */
            type $Shape = tandem.v1.Error.$Properties;
        }

        /**
         * Properties of a Gap.
         * @deprecated Use tandem.v1.Gap.$Properties instead.
         */
        interface IGap extends tandem.v1.Gap.$Properties {
        }

        /** Represents a Gap. */
        class Gap {

            /**
             * Constructs a new Gap.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Gap.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Gap droppedCount. */
            droppedCount: number;

            /** Gap firstDroppedAtMs. */
            firstDroppedAtMs: number;

            /** Gap lastDroppedAtMs. */
            lastDroppedAtMs: number;

            /** Gap firstDroppedSeq. */
            firstDroppedSeq: number;

            /** Gap lastDroppedSeq. */
            lastDroppedSeq: number;

            /** Gap reason. */
            reason: string;

            /**
             * Creates a new Gap instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Gap instance
             */
            static create(properties: tandem.v1.Gap.$Shape): tandem.v1.Gap & tandem.v1.Gap.$Shape;
            static create(properties?: tandem.v1.Gap.$Properties): tandem.v1.Gap;

            /**
             * Encodes the specified Gap message. Does not implicitly {@link tandem.v1.Gap.verify|verify} messages.
             * @param message Gap message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Gap.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Gap message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Gap & tandem.v1.Gap.$Shape} Gap
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Gap & tandem.v1.Gap.$Shape;

            /**
             * Gets the type url for Gap
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Gap {

            /** Properties of a Gap. */
            interface $Properties {

                /** Gap droppedCount */
                droppedCount?: (number|null);

                /** Gap firstDroppedAtMs */
                firstDroppedAtMs?: (number|null);

                /** Gap lastDroppedAtMs */
                lastDroppedAtMs?: (number|null);

                /** Gap firstDroppedSeq */
                firstDroppedSeq?: (number|null);

                /** Gap lastDroppedSeq */
                lastDroppedSeq?: (number|null);

                /** Gap reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Gap. */
            type $Shape = tandem.v1.Gap.$Properties;
        }

        /**
         * Properties of a Policy.
         * @deprecated Use tandem.v1.Policy.$Properties instead.
         */
        interface IPolicy extends tandem.v1.Policy.$Properties {
        }

        /** Represents a Policy. */
        class Policy {

            /**
             * Constructs a new Policy.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Policy.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Policy schedules. */
            schedules: { [k: string]: string };

            /** Policy version. */
            version: number;

            /**
             * Creates a new Policy instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Policy instance
             */
            static create(properties: tandem.v1.Policy.$Shape): tandem.v1.Policy & tandem.v1.Policy.$Shape;
            static create(properties?: tandem.v1.Policy.$Properties): tandem.v1.Policy;

            /**
             * Encodes the specified Policy message. Does not implicitly {@link tandem.v1.Policy.verify|verify} messages.
             * @param message Policy message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Policy.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Policy message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Policy & tandem.v1.Policy.$Shape} Policy
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Policy & tandem.v1.Policy.$Shape;

            /**
             * Gets the type url for Policy
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Policy {

            /** Properties of a Policy. */
            interface $Properties {

                /** Policy schedules */
                schedules?: ({ [k: string]: string }|null);

                /** Policy version */
                version?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Policy. */
            type $Shape = tandem.v1.Policy.$Properties;
        }

        /**
         * Properties of a Goodbye.
         * @deprecated Use tandem.v1.Goodbye.$Properties instead.
         */
        interface IGoodbye extends tandem.v1.Goodbye.$Properties {
        }

        /** Represents a Goodbye. */
        class Goodbye {

            /**
             * Constructs a new Goodbye.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Goodbye.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Goodbye reason. */
            reason: string;

            /**
             * Creates a new Goodbye instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Goodbye instance
             */
            static create(properties: tandem.v1.Goodbye.$Shape): tandem.v1.Goodbye & tandem.v1.Goodbye.$Shape;
            static create(properties?: tandem.v1.Goodbye.$Properties): tandem.v1.Goodbye;

            /**
             * Encodes the specified Goodbye message. Does not implicitly {@link tandem.v1.Goodbye.verify|verify} messages.
             * @param message Goodbye message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Goodbye.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Goodbye message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Goodbye & tandem.v1.Goodbye.$Shape} Goodbye
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Goodbye & tandem.v1.Goodbye.$Shape;

            /**
             * Gets the type url for Goodbye
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Goodbye {

            /** Properties of a Goodbye. */
            interface $Properties {

                /** Goodbye reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Goodbye. */
            type $Shape = tandem.v1.Goodbye.$Properties;
        }

        /** TopicState enum. */
        enum TopicState {

            /** TOPIC_STATE_UNSPECIFIED value */
            TOPIC_STATE_UNSPECIFIED = 0,

            /** TOPIC_STATE_OK value */
            TOPIC_STATE_OK = 1,

            /** TOPIC_STATE_UNKNOWN value */
            TOPIC_STATE_UNKNOWN = 2
        }

        /**
         * Properties of a Report.
         * @deprecated Use tandem.v1.Report.$Properties instead.
         */
        interface IReport extends tandem.v1.Report.$Properties {
        }

        /** Represents a Report. */
        class Report {

            /**
             * Constructs a new Report.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Report.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Report collectedAtMs. */
            collectedAtMs: number;

            /** Report agentVersion. */
            agentVersion: string;

            /** Report inventory. */
            inventory?: (tandem.v1.Inventory.$Properties|null);

            /** Report patch. */
            patch?: (tandem.v1.PatchStatus.$Properties|null);

            /** Report disk. */
            disk?: (tandem.v1.DiskStatus.$Properties|null);

            /** Report backup. */
            backup?: (tandem.v1.BackupStatus.$Properties|null);

            /** Report security. */
            security?: (tandem.v1.SecurityStatus.$Properties|null);

            /** Report delivery. */
            delivery?: (tandem.v1.DeliveryHealth.$Properties|null);

            /**
             * Creates a new Report instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Report instance
             */
            static create(properties: tandem.v1.Report.$Shape): tandem.v1.Report & tandem.v1.Report.$Shape;
            static create(properties?: tandem.v1.Report.$Properties): tandem.v1.Report;

            /**
             * Encodes the specified Report message. Does not implicitly {@link tandem.v1.Report.verify|verify} messages.
             * @param message Report message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Report.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Report message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Report & tandem.v1.Report.$Shape} Report
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Report & tandem.v1.Report.$Shape;

            /**
             * Gets the type url for Report
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Report {

            /** Properties of a Report. */
            interface $Properties {

                /** Report collectedAtMs */
                collectedAtMs?: (number|null);

                /** Report agentVersion */
                agentVersion?: (string|null);

                /** Report inventory */
                inventory?: (tandem.v1.Inventory.$Properties|null);

                /** Report patch */
                patch?: (tandem.v1.PatchStatus.$Properties|null);

                /** Report disk */
                disk?: (tandem.v1.DiskStatus.$Properties|null);

                /** Report backup */
                backup?: (tandem.v1.BackupStatus.$Properties|null);

                /** Report security */
                security?: (tandem.v1.SecurityStatus.$Properties|null);

                /** Report delivery */
                delivery?: (tandem.v1.DeliveryHealth.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Report. */
            type $Shape = tandem.v1.Report.$Properties;
        }

        /**
         * Properties of a DeliveryHealth.
         * @deprecated Use tandem.v1.DeliveryHealth.$Properties instead.
         */
        interface IDeliveryHealth extends tandem.v1.DeliveryHealth.$Properties {
        }

        /** Represents a DeliveryHealth. */
        class DeliveryHealth {

            /**
             * Constructs a new DeliveryHealth.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.DeliveryHealth.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DeliveryHealth stuck. */
            stuck: boolean;

            /** DeliveryHealth reason. */
            reason?: (string|null);

            /** DeliveryHealth stuckSinceMs. */
            stuckSinceMs?: (number|null);

            /** DeliveryHealth pendingCount. */
            pendingCount: number;

            /** DeliveryHealth oldestPendingAtMs. */
            oldestPendingAtMs?: (number|null);

            /** DeliveryHealth lastAckAtMs. */
            lastAckAtMs?: (number|null);

            /**
             * Creates a new DeliveryHealth instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DeliveryHealth instance
             */
            static create(properties: tandem.v1.DeliveryHealth.$Shape): tandem.v1.DeliveryHealth & tandem.v1.DeliveryHealth.$Shape;
            static create(properties?: tandem.v1.DeliveryHealth.$Properties): tandem.v1.DeliveryHealth;

            /**
             * Encodes the specified DeliveryHealth message. Does not implicitly {@link tandem.v1.DeliveryHealth.verify|verify} messages.
             * @param message DeliveryHealth message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.DeliveryHealth.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DeliveryHealth message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.DeliveryHealth & tandem.v1.DeliveryHealth.$Shape} DeliveryHealth
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.DeliveryHealth & tandem.v1.DeliveryHealth.$Shape;

            /**
             * Gets the type url for DeliveryHealth
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DeliveryHealth {

            /** Properties of a DeliveryHealth. */
            interface $Properties {

                /** DeliveryHealth stuck */
                stuck?: (boolean|null);

                /** DeliveryHealth reason */
                reason?: (string|null);

                /** DeliveryHealth stuckSinceMs */
                stuckSinceMs?: (number|null);

                /** DeliveryHealth pendingCount */
                pendingCount?: (number|null);

                /** DeliveryHealth oldestPendingAtMs */
                oldestPendingAtMs?: (number|null);

                /** DeliveryHealth lastAckAtMs */
                lastAckAtMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DeliveryHealth. */
            type $Shape = tandem.v1.DeliveryHealth.$Properties;
        }

        /**
         * Properties of an Inventory.
         * @deprecated Use tandem.v1.Inventory.$Properties instead.
         */
        interface IInventory extends tandem.v1.Inventory.$Properties {
        }

        /** Represents an Inventory. */
        class Inventory {

            /**
             * Constructs a new Inventory.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Inventory.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Inventory state. */
            state: tandem.v1.TopicState;

            /** Inventory reason. */
            reason?: (string|null);

            /** Inventory hostname. */
            hostname?: (string|null);

            /** Inventory os. */
            os?: (string|null);

            /** Inventory osName. */
            osName?: (string|null);

            /** Inventory osVersion. */
            osVersion?: (string|null);

            /** Inventory arch. */
            arch?: (string|null);

            /** Inventory uptimeSeconds. */
            uptimeSeconds?: (number|null);

            /** Inventory kernel. */
            kernel?: (string|null);

            /** Inventory serial. */
            serial?: (string|null);

            /** Inventory manufacturer. */
            manufacturer?: (string|null);

            /** Inventory model. */
            model?: (string|null);

            /** Inventory memoryBytes. */
            memoryBytes?: (number|null);

            /** Inventory cpuCores. */
            cpuCores?: (number|null);

            /** Inventory chassis. */
            chassis?: (string|null);

            /**
             * Creates a new Inventory instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Inventory instance
             */
            static create(properties: tandem.v1.Inventory.$Shape): tandem.v1.Inventory & tandem.v1.Inventory.$Shape;
            static create(properties?: tandem.v1.Inventory.$Properties): tandem.v1.Inventory;

            /**
             * Encodes the specified Inventory message. Does not implicitly {@link tandem.v1.Inventory.verify|verify} messages.
             * @param message Inventory message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Inventory.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Inventory message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Inventory & tandem.v1.Inventory.$Shape} Inventory
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Inventory & tandem.v1.Inventory.$Shape;

            /**
             * Gets the type url for Inventory
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Inventory {

            /** Properties of an Inventory. */
            interface $Properties {

                /** Inventory state */
                state?: (tandem.v1.TopicState|null);

                /** Inventory reason */
                reason?: (string|null);

                /** Inventory hostname */
                hostname?: (string|null);

                /** Inventory os */
                os?: (string|null);

                /** Inventory osName */
                osName?: (string|null);

                /** Inventory osVersion */
                osVersion?: (string|null);

                /** Inventory arch */
                arch?: (string|null);

                /** Inventory uptimeSeconds */
                uptimeSeconds?: (number|null);

                /** Inventory kernel */
                kernel?: (string|null);

                /** Inventory serial */
                serial?: (string|null);

                /** Inventory manufacturer */
                manufacturer?: (string|null);

                /** Inventory model */
                model?: (string|null);

                /** Inventory memoryBytes */
                memoryBytes?: (number|null);

                /** Inventory cpuCores */
                cpuCores?: (number|null);

                /** Inventory chassis */
                chassis?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Inventory. */
            type $Shape = tandem.v1.Inventory.$Properties;
        }

        /**
         * Properties of a PatchStatus.
         * @deprecated Use tandem.v1.PatchStatus.$Properties instead.
         */
        interface IPatchStatus extends tandem.v1.PatchStatus.$Properties {
        }

        /** Represents a PatchStatus. */
        class PatchStatus {

            /**
             * Constructs a new PatchStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.PatchStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PatchStatus state. */
            state: tandem.v1.TopicState;

            /** PatchStatus reason. */
            reason?: (string|null);

            /** PatchStatus source. */
            source?: (string|null);

            /** PatchStatus pendingCount. */
            pendingCount?: (number|null);

            /** PatchStatus securityCount. */
            securityCount?: (number|null);

            /** PatchStatus rebootRequired. */
            rebootRequired?: (boolean|null);

            /** PatchStatus updates. */
            updates: tandem.v1.PendingUpdate.$Properties[];

            /** PatchStatus lastInstalledAtMs. */
            lastInstalledAtMs?: (number|null);

            /**
             * Creates a new PatchStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PatchStatus instance
             */
            static create(properties: tandem.v1.PatchStatus.$Shape): tandem.v1.PatchStatus & tandem.v1.PatchStatus.$Shape;
            static create(properties?: tandem.v1.PatchStatus.$Properties): tandem.v1.PatchStatus;

            /**
             * Encodes the specified PatchStatus message. Does not implicitly {@link tandem.v1.PatchStatus.verify|verify} messages.
             * @param message PatchStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.PatchStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PatchStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.PatchStatus & tandem.v1.PatchStatus.$Shape} PatchStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.PatchStatus & tandem.v1.PatchStatus.$Shape;

            /**
             * Gets the type url for PatchStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PatchStatus {

            /** Properties of a PatchStatus. */
            interface $Properties {

                /** PatchStatus state */
                state?: (tandem.v1.TopicState|null);

                /** PatchStatus reason */
                reason?: (string|null);

                /** PatchStatus source */
                source?: (string|null);

                /** PatchStatus pendingCount */
                pendingCount?: (number|null);

                /** PatchStatus securityCount */
                securityCount?: (number|null);

                /** PatchStatus rebootRequired */
                rebootRequired?: (boolean|null);

                /** PatchStatus updates */
                updates?: (tandem.v1.PendingUpdate.$Properties[]|null);

                /** PatchStatus lastInstalledAtMs */
                lastInstalledAtMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PatchStatus. */
            type $Shape = tandem.v1.PatchStatus.$Properties;
        }

        /**
         * Properties of a PendingUpdate.
         * @deprecated Use tandem.v1.PendingUpdate.$Properties instead.
         */
        interface IPendingUpdate extends tandem.v1.PendingUpdate.$Properties {
        }

        /** Represents a PendingUpdate. */
        class PendingUpdate {

            /**
             * Constructs a new PendingUpdate.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.PendingUpdate.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PendingUpdate name. */
            name: string;

            /** PendingUpdate currentVersion. */
            currentVersion?: (string|null);

            /** PendingUpdate availableVersion. */
            availableVersion?: (string|null);

            /** PendingUpdate security. */
            security?: (boolean|null);

            /** PendingUpdate kb. */
            kb?: (string|null);

            /** PendingUpdate severity. */
            severity?: (string|null);

            /**
             * Creates a new PendingUpdate instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PendingUpdate instance
             */
            static create(properties: tandem.v1.PendingUpdate.$Shape): tandem.v1.PendingUpdate & tandem.v1.PendingUpdate.$Shape;
            static create(properties?: tandem.v1.PendingUpdate.$Properties): tandem.v1.PendingUpdate;

            /**
             * Encodes the specified PendingUpdate message. Does not implicitly {@link tandem.v1.PendingUpdate.verify|verify} messages.
             * @param message PendingUpdate message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.PendingUpdate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PendingUpdate message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.PendingUpdate & tandem.v1.PendingUpdate.$Shape} PendingUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.PendingUpdate & tandem.v1.PendingUpdate.$Shape;

            /**
             * Gets the type url for PendingUpdate
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PendingUpdate {

            /** Properties of a PendingUpdate. */
            interface $Properties {

                /** PendingUpdate name */
                name?: (string|null);

                /** PendingUpdate currentVersion */
                currentVersion?: (string|null);

                /** PendingUpdate availableVersion */
                availableVersion?: (string|null);

                /** PendingUpdate security */
                security?: (boolean|null);

                /** PendingUpdate kb */
                kb?: (string|null);

                /** PendingUpdate severity */
                severity?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PendingUpdate. */
            type $Shape = tandem.v1.PendingUpdate.$Properties;
        }

        /**
         * Properties of a DiskStatus.
         * @deprecated Use tandem.v1.DiskStatus.$Properties instead.
         */
        interface IDiskStatus extends tandem.v1.DiskStatus.$Properties {
        }

        /** Represents a DiskStatus. */
        class DiskStatus {

            /**
             * Constructs a new DiskStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.DiskStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DiskStatus state. */
            state: tandem.v1.TopicState;

            /** DiskStatus reason. */
            reason?: (string|null);

            /** DiskStatus volumes. */
            volumes: tandem.v1.Volume.$Properties[];

            /**
             * Creates a new DiskStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DiskStatus instance
             */
            static create(properties: tandem.v1.DiskStatus.$Shape): tandem.v1.DiskStatus & tandem.v1.DiskStatus.$Shape;
            static create(properties?: tandem.v1.DiskStatus.$Properties): tandem.v1.DiskStatus;

            /**
             * Encodes the specified DiskStatus message. Does not implicitly {@link tandem.v1.DiskStatus.verify|verify} messages.
             * @param message DiskStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.DiskStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DiskStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.DiskStatus & tandem.v1.DiskStatus.$Shape} DiskStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.DiskStatus & tandem.v1.DiskStatus.$Shape;

            /**
             * Gets the type url for DiskStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DiskStatus {

            /** Properties of a DiskStatus. */
            interface $Properties {

                /** DiskStatus state */
                state?: (tandem.v1.TopicState|null);

                /** DiskStatus reason */
                reason?: (string|null);

                /** DiskStatus volumes */
                volumes?: (tandem.v1.Volume.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DiskStatus. */
            type $Shape = tandem.v1.DiskStatus.$Properties;
        }

        /**
         * Properties of a Volume.
         * @deprecated Use tandem.v1.Volume.$Properties instead.
         */
        interface IVolume extends tandem.v1.Volume.$Properties {
        }

        /** Represents a Volume. */
        class Volume {

            /**
             * Constructs a new Volume.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Volume.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Volume mount. */
            mount: string;

            /** Volume fsType. */
            fsType?: (string|null);

            /** Volume sizeBytes. */
            sizeBytes?: (number|null);

            /** Volume usedBytes. */
            usedBytes?: (number|null);

            /** Volume freeBytes. */
            freeBytes?: (number|null);

            /** Volume usedPercent. */
            usedPercent?: (number|null);

            /** Volume inodesTotal. */
            inodesTotal?: (number|null);

            /** Volume inodesUsed. */
            inodesUsed?: (number|null);

            /** Volume inodesUsedPercent. */
            inodesUsedPercent?: (number|null);

            /** Volume device. */
            device?: (string|null);

            /** Volume smartHealth. */
            smartHealth?: (string|null);

            /**
             * Creates a new Volume instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Volume instance
             */
            static create(properties: tandem.v1.Volume.$Shape): tandem.v1.Volume & tandem.v1.Volume.$Shape;
            static create(properties?: tandem.v1.Volume.$Properties): tandem.v1.Volume;

            /**
             * Encodes the specified Volume message. Does not implicitly {@link tandem.v1.Volume.verify|verify} messages.
             * @param message Volume message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Volume.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Volume message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Volume & tandem.v1.Volume.$Shape} Volume
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Volume & tandem.v1.Volume.$Shape;

            /**
             * Gets the type url for Volume
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Volume {

            /** Properties of a Volume. */
            interface $Properties {

                /** Volume mount */
                mount?: (string|null);

                /** Volume fsType */
                fsType?: (string|null);

                /** Volume sizeBytes */
                sizeBytes?: (number|null);

                /** Volume usedBytes */
                usedBytes?: (number|null);

                /** Volume freeBytes */
                freeBytes?: (number|null);

                /** Volume usedPercent */
                usedPercent?: (number|null);

                /** Volume inodesTotal */
                inodesTotal?: (number|null);

                /** Volume inodesUsed */
                inodesUsed?: (number|null);

                /** Volume inodesUsedPercent */
                inodesUsedPercent?: (number|null);

                /** Volume device */
                device?: (string|null);

                /** Volume smartHealth */
                smartHealth?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Volume. */
            type $Shape = tandem.v1.Volume.$Properties;
        }

        /** BackupResult enum. */
        enum BackupResult {

            /** BACKUP_RESULT_UNSPECIFIED value */
            BACKUP_RESULT_UNSPECIFIED = 0,

            /** BACKUP_RESULT_SUCCESS value */
            BACKUP_RESULT_SUCCESS = 1,

            /** BACKUP_RESULT_FAILED value */
            BACKUP_RESULT_FAILED = 2,

            /** BACKUP_RESULT_RUNNING value */
            BACKUP_RESULT_RUNNING = 3,

            /** BACKUP_RESULT_UNKNOWN value */
            BACKUP_RESULT_UNKNOWN = 4
        }

        /**
         * Properties of a BackupStatus.
         * @deprecated Use tandem.v1.BackupStatus.$Properties instead.
         */
        interface IBackupStatus extends tandem.v1.BackupStatus.$Properties {
        }

        /** Represents a BackupStatus. */
        class BackupStatus {

            /**
             * Constructs a new BackupStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.BackupStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BackupStatus state. */
            state: tandem.v1.TopicState;

            /** BackupStatus reason. */
            reason?: (string|null);

            /** BackupStatus jobs. */
            jobs: tandem.v1.BackupJob.$Properties[];

            /**
             * Creates a new BackupStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BackupStatus instance
             */
            static create(properties: tandem.v1.BackupStatus.$Shape): tandem.v1.BackupStatus & tandem.v1.BackupStatus.$Shape;
            static create(properties?: tandem.v1.BackupStatus.$Properties): tandem.v1.BackupStatus;

            /**
             * Encodes the specified BackupStatus message. Does not implicitly {@link tandem.v1.BackupStatus.verify|verify} messages.
             * @param message BackupStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.BackupStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BackupStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.BackupStatus & tandem.v1.BackupStatus.$Shape} BackupStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.BackupStatus & tandem.v1.BackupStatus.$Shape;

            /**
             * Gets the type url for BackupStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace BackupStatus {

            /** Properties of a BackupStatus. */
            interface $Properties {

                /** BackupStatus state */
                state?: (tandem.v1.TopicState|null);

                /** BackupStatus reason */
                reason?: (string|null);

                /** BackupStatus jobs */
                jobs?: (tandem.v1.BackupJob.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BackupStatus. */
            type $Shape = tandem.v1.BackupStatus.$Properties;
        }

        /**
         * Properties of a BackupJob.
         * @deprecated Use tandem.v1.BackupJob.$Properties instead.
         */
        interface IBackupJob extends tandem.v1.BackupJob.$Properties {
        }

        /** Represents a BackupJob. */
        class BackupJob {

            /**
             * Constructs a new BackupJob.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.BackupJob.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BackupJob provider. */
            provider: string;

            /** BackupJob name. */
            name: string;

            /** BackupJob lastSuccessAtMs. */
            lastSuccessAtMs?: (number|null);

            /** BackupJob lastAttemptAtMs. */
            lastAttemptAtMs?: (number|null);

            /** BackupJob lastResult. */
            lastResult: tandem.v1.BackupResult;

            /** BackupJob detail. */
            detail?: (string|null);

            /**
             * Creates a new BackupJob instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BackupJob instance
             */
            static create(properties: tandem.v1.BackupJob.$Shape): tandem.v1.BackupJob & tandem.v1.BackupJob.$Shape;
            static create(properties?: tandem.v1.BackupJob.$Properties): tandem.v1.BackupJob;

            /**
             * Encodes the specified BackupJob message. Does not implicitly {@link tandem.v1.BackupJob.verify|verify} messages.
             * @param message BackupJob message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.BackupJob.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BackupJob message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.BackupJob & tandem.v1.BackupJob.$Shape} BackupJob
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.BackupJob & tandem.v1.BackupJob.$Shape;

            /**
             * Gets the type url for BackupJob
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace BackupJob {

            /** Properties of a BackupJob. */
            interface $Properties {

                /** BackupJob provider */
                provider?: (string|null);

                /** BackupJob name */
                name?: (string|null);

                /** BackupJob lastSuccessAtMs */
                lastSuccessAtMs?: (number|null);

                /** BackupJob lastAttemptAtMs */
                lastAttemptAtMs?: (number|null);

                /** BackupJob lastResult */
                lastResult?: (tandem.v1.BackupResult|null);

                /** BackupJob detail */
                detail?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BackupJob. */
            type $Shape = tandem.v1.BackupJob.$Properties;
        }

        /** EncryptionState enum. */
        enum EncryptionState {

            /** ENCRYPTION_STATE_UNSPECIFIED value */
            ENCRYPTION_STATE_UNSPECIFIED = 0,

            /** ENCRYPTION_STATE_ON value */
            ENCRYPTION_STATE_ON = 1,

            /** ENCRYPTION_STATE_OFF value */
            ENCRYPTION_STATE_OFF = 2,

            /** ENCRYPTION_STATE_ENCRYPTING value */
            ENCRYPTION_STATE_ENCRYPTING = 3,

            /** ENCRYPTION_STATE_DECRYPTING value */
            ENCRYPTION_STATE_DECRYPTING = 4,

            /** ENCRYPTION_STATE_UNKNOWN value */
            ENCRYPTION_STATE_UNKNOWN = 5,

            /** ENCRYPTION_STATE_SUSPENDED value */
            ENCRYPTION_STATE_SUSPENDED = 6
        }

        /** CheckState enum. */
        enum CheckState {

            /** CHECK_STATE_UNSPECIFIED value */
            CHECK_STATE_UNSPECIFIED = 0,

            /** CHECK_STATE_ON value */
            CHECK_STATE_ON = 1,

            /** CHECK_STATE_OFF value */
            CHECK_STATE_OFF = 2,

            /** CHECK_STATE_UNKNOWN value */
            CHECK_STATE_UNKNOWN = 3
        }

        /**
         * Properties of a SecurityStatus.
         * @deprecated Use tandem.v1.SecurityStatus.$Properties instead.
         */
        interface ISecurityStatus extends tandem.v1.SecurityStatus.$Properties {
        }

        /** Represents a SecurityStatus. */
        class SecurityStatus {

            /**
             * Constructs a new SecurityStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.SecurityStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SecurityStatus state. */
            state: tandem.v1.TopicState;

            /** SecurityStatus reason. */
            reason?: (string|null);

            /** SecurityStatus antivirus. */
            antivirus: tandem.v1.Antivirus.$Properties[];

            /** SecurityStatus firewall. */
            firewall?: (tandem.v1.Firewall.$Properties|null);

            /** SecurityStatus encryption. */
            encryption: tandem.v1.Encryption.$Properties[];

            /** SecurityStatus checks. */
            checks: { [k: string]: tandem.v1.CheckState };

            /** SecurityStatus endpointProtection. */
            endpointProtection: tandem.v1.EndpointProtection.$Properties[];

            /**
             * Creates a new SecurityStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SecurityStatus instance
             */
            static create(properties: tandem.v1.SecurityStatus.$Shape): tandem.v1.SecurityStatus & tandem.v1.SecurityStatus.$Shape;
            static create(properties?: tandem.v1.SecurityStatus.$Properties): tandem.v1.SecurityStatus;

            /**
             * Encodes the specified SecurityStatus message. Does not implicitly {@link tandem.v1.SecurityStatus.verify|verify} messages.
             * @param message SecurityStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.SecurityStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SecurityStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.SecurityStatus & tandem.v1.SecurityStatus.$Shape} SecurityStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.SecurityStatus & tandem.v1.SecurityStatus.$Shape;

            /**
             * Gets the type url for SecurityStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SecurityStatus {

            /** Properties of a SecurityStatus. */
            interface $Properties {

                /** SecurityStatus state */
                state?: (tandem.v1.TopicState|null);

                /** SecurityStatus reason */
                reason?: (string|null);

                /** SecurityStatus antivirus */
                antivirus?: (tandem.v1.Antivirus.$Properties[]|null);

                /** SecurityStatus firewall */
                firewall?: (tandem.v1.Firewall.$Properties|null);

                /** SecurityStatus encryption */
                encryption?: (tandem.v1.Encryption.$Properties[]|null);

                /** SecurityStatus checks */
                checks?: ({ [k: string]: tandem.v1.CheckState }|null);

                /** SecurityStatus endpointProtection */
                endpointProtection?: (tandem.v1.EndpointProtection.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SecurityStatus. */
            type $Shape = tandem.v1.SecurityStatus.$Properties;
        }

        /**
         * Properties of an EndpointProtection.
         * @deprecated Use tandem.v1.EndpointProtection.$Properties instead.
         */
        interface IEndpointProtection extends tandem.v1.EndpointProtection.$Properties {
        }

        /** Represents an EndpointProtection. */
        class EndpointProtection {

            /**
             * Constructs a new EndpointProtection.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.EndpointProtection.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EndpointProtection product. */
            product: string;

            /** EndpointProtection installed. */
            installed?: (boolean|null);

            /** EndpointProtection running. */
            running?: (boolean|null);

            /** EndpointProtection onboarded. */
            onboarded?: (boolean|null);

            /** EndpointProtection connected. */
            connected?: (boolean|null);

            /** EndpointProtection lastContactAtMs. */
            lastContactAtMs?: (number|null);

            /** EndpointProtection version. */
            version?: (string|null);

            /** EndpointProtection outdated. */
            outdated?: (boolean|null);

            /** EndpointProtection reducedFunctionality. */
            reducedFunctionality?: (boolean|null);

            /** EndpointProtection tamperProtection. */
            tamperProtection?: (boolean|null);

            /** EndpointProtection detail. */
            detail?: (string|null);

            /**
             * Creates a new EndpointProtection instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EndpointProtection instance
             */
            static create(properties: tandem.v1.EndpointProtection.$Shape): tandem.v1.EndpointProtection & tandem.v1.EndpointProtection.$Shape;
            static create(properties?: tandem.v1.EndpointProtection.$Properties): tandem.v1.EndpointProtection;

            /**
             * Encodes the specified EndpointProtection message. Does not implicitly {@link tandem.v1.EndpointProtection.verify|verify} messages.
             * @param message EndpointProtection message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.EndpointProtection.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EndpointProtection message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.EndpointProtection & tandem.v1.EndpointProtection.$Shape} EndpointProtection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.EndpointProtection & tandem.v1.EndpointProtection.$Shape;

            /**
             * Gets the type url for EndpointProtection
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace EndpointProtection {

            /** Properties of an EndpointProtection. */
            interface $Properties {

                /** EndpointProtection product */
                product?: (string|null);

                /** EndpointProtection installed */
                installed?: (boolean|null);

                /** EndpointProtection running */
                running?: (boolean|null);

                /** EndpointProtection onboarded */
                onboarded?: (boolean|null);

                /** EndpointProtection connected */
                connected?: (boolean|null);

                /** EndpointProtection lastContactAtMs */
                lastContactAtMs?: (number|null);

                /** EndpointProtection version */
                version?: (string|null);

                /** EndpointProtection outdated */
                outdated?: (boolean|null);

                /** EndpointProtection reducedFunctionality */
                reducedFunctionality?: (boolean|null);

                /** EndpointProtection tamperProtection */
                tamperProtection?: (boolean|null);

                /** EndpointProtection detail */
                detail?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EndpointProtection. */
            type $Shape = tandem.v1.EndpointProtection.$Properties;
        }

        /**
         * Properties of an Antivirus.
         * @deprecated Use tandem.v1.Antivirus.$Properties instead.
         */
        interface IAntivirus extends tandem.v1.Antivirus.$Properties {
        }

        /** Represents an Antivirus. */
        class Antivirus {

            /**
             * Constructs a new Antivirus.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Antivirus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Antivirus product. */
            product: string;

            /** Antivirus enabled. */
            enabled?: (boolean|null);

            /** Antivirus realTime. */
            realTime?: (boolean|null);

            /** Antivirus upToDate. */
            upToDate?: (boolean|null);

            /** Antivirus signaturesUpdatedAtMs. */
            signaturesUpdatedAtMs?: (number|null);

            /**
             * Creates a new Antivirus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Antivirus instance
             */
            static create(properties: tandem.v1.Antivirus.$Shape): tandem.v1.Antivirus & tandem.v1.Antivirus.$Shape;
            static create(properties?: tandem.v1.Antivirus.$Properties): tandem.v1.Antivirus;

            /**
             * Encodes the specified Antivirus message. Does not implicitly {@link tandem.v1.Antivirus.verify|verify} messages.
             * @param message Antivirus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Antivirus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Antivirus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Antivirus & tandem.v1.Antivirus.$Shape} Antivirus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Antivirus & tandem.v1.Antivirus.$Shape;

            /**
             * Gets the type url for Antivirus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Antivirus {

            /** Properties of an Antivirus. */
            interface $Properties {

                /** Antivirus product */
                product?: (string|null);

                /** Antivirus enabled */
                enabled?: (boolean|null);

                /** Antivirus realTime */
                realTime?: (boolean|null);

                /** Antivirus upToDate */
                upToDate?: (boolean|null);

                /** Antivirus signaturesUpdatedAtMs */
                signaturesUpdatedAtMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Antivirus. */
            type $Shape = tandem.v1.Antivirus.$Properties;
        }

        /**
         * Properties of a Firewall.
         * @deprecated Use tandem.v1.Firewall.$Properties instead.
         */
        interface IFirewall extends tandem.v1.Firewall.$Properties {
        }

        /** Represents a Firewall. */
        class Firewall {

            /**
             * Constructs a new Firewall.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Firewall.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Firewall enabled. */
            enabled?: (boolean|null);

            /** Firewall profiles. */
            profiles: tandem.v1.FirewallProfile.$Properties[];

            /**
             * Creates a new Firewall instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Firewall instance
             */
            static create(properties: tandem.v1.Firewall.$Shape): tandem.v1.Firewall & tandem.v1.Firewall.$Shape;
            static create(properties?: tandem.v1.Firewall.$Properties): tandem.v1.Firewall;

            /**
             * Encodes the specified Firewall message. Does not implicitly {@link tandem.v1.Firewall.verify|verify} messages.
             * @param message Firewall message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Firewall.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Firewall message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Firewall & tandem.v1.Firewall.$Shape} Firewall
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Firewall & tandem.v1.Firewall.$Shape;

            /**
             * Gets the type url for Firewall
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Firewall {

            /** Properties of a Firewall. */
            interface $Properties {

                /** Firewall enabled */
                enabled?: (boolean|null);

                /** Firewall profiles */
                profiles?: (tandem.v1.FirewallProfile.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Firewall. */
            type $Shape = tandem.v1.Firewall.$Properties;
        }

        /**
         * Properties of a FirewallProfile.
         * @deprecated Use tandem.v1.FirewallProfile.$Properties instead.
         */
        interface IFirewallProfile extends tandem.v1.FirewallProfile.$Properties {
        }

        /** Represents a FirewallProfile. */
        class FirewallProfile {

            /**
             * Constructs a new FirewallProfile.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.FirewallProfile.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** FirewallProfile name. */
            name: string;

            /** FirewallProfile enabled. */
            enabled?: (boolean|null);

            /**
             * Creates a new FirewallProfile instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FirewallProfile instance
             */
            static create(properties: tandem.v1.FirewallProfile.$Shape): tandem.v1.FirewallProfile & tandem.v1.FirewallProfile.$Shape;
            static create(properties?: tandem.v1.FirewallProfile.$Properties): tandem.v1.FirewallProfile;

            /**
             * Encodes the specified FirewallProfile message. Does not implicitly {@link tandem.v1.FirewallProfile.verify|verify} messages.
             * @param message FirewallProfile message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.FirewallProfile.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FirewallProfile message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.FirewallProfile & tandem.v1.FirewallProfile.$Shape} FirewallProfile
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.FirewallProfile & tandem.v1.FirewallProfile.$Shape;

            /**
             * Gets the type url for FirewallProfile
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace FirewallProfile {

            /** Properties of a FirewallProfile. */
            interface $Properties {

                /** FirewallProfile name */
                name?: (string|null);

                /** FirewallProfile enabled */
                enabled?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a FirewallProfile. */
            type $Shape = tandem.v1.FirewallProfile.$Properties;
        }

        /**
         * Properties of an Encryption.
         * @deprecated Use tandem.v1.Encryption.$Properties instead.
         */
        interface IEncryption extends tandem.v1.Encryption.$Properties {
        }

        /** Represents an Encryption. */
        class Encryption {

            /**
             * Constructs a new Encryption.
             * @param [properties] Properties to set
             */
            constructor(properties?: tandem.v1.Encryption.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Encryption mount. */
            mount: string;

            /** Encryption state. */
            state: tandem.v1.EncryptionState;

            /** Encryption method. */
            method?: (string|null);

            /**
             * Creates a new Encryption instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Encryption instance
             */
            static create(properties: tandem.v1.Encryption.$Shape): tandem.v1.Encryption & tandem.v1.Encryption.$Shape;
            static create(properties?: tandem.v1.Encryption.$Properties): tandem.v1.Encryption;

            /**
             * Encodes the specified Encryption message. Does not implicitly {@link tandem.v1.Encryption.verify|verify} messages.
             * @param message Encryption message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: tandem.v1.Encryption.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Encryption message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {tandem.v1.Encryption & tandem.v1.Encryption.$Shape} Encryption
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tandem.v1.Encryption & tandem.v1.Encryption.$Shape;

            /**
             * Gets the type url for Encryption
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Encryption {

            /** Properties of an Encryption. */
            interface $Properties {

                /** Encryption mount */
                mount?: (string|null);

                /** Encryption state */
                state?: (tandem.v1.EncryptionState|null);

                /** Encryption method */
                method?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Encryption. */
            type $Shape = tandem.v1.Encryption.$Properties;
        }
    }
}
