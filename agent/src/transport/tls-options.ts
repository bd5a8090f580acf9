// TLS settings shared by enrollment (HTTPS) and the agent socket (WSS): an
// optional private CA, and an optional pin of the collector's public key so a
// certificate from any other key is refused even if some CA signed it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkServerIdentity } from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import { AgentError } from '../errors.js';

export interface AgentTlsConfig {
  caFile?: string | undefined;
  pinSha256?: string | undefined;
}

export interface TlsClientOptions {
  ca?: Buffer;
  checkServerIdentity: (host: string, cert: PeerCertificate) => Error | undefined;
}

/** SHA-256 of a certificate's public key (SPKI DER), base64: the form of `tls.pinSha256`. */
export function publicKeyPin(cert: PeerCertificate): string {
  return createHash('sha256').update(cert.pubkey ?? Buffer.alloc(0)).digest('base64');
}

export function tlsClientOptions(tls: AgentTlsConfig): TlsClientOptions {
  let ca: Buffer | undefined;
  if (tls.caFile) {
    try {
      ca = readFileSync(tls.caFile);
    } catch (err) {
      throw new AgentError('AGT_ERR_CONFIG', `cannot read tls.caFile ${tls.caFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
    }
  }
  return {
    ...(ca ? { ca } : {}),
    checkServerIdentity: (host, cert) => {
      const err = checkServerIdentity(host, cert);
      if (err) return err;
      if (tls.pinSha256 && publicKeyPin(cert) !== tls.pinSha256) {
        return new AgentError('AGT_ERR_TLS_PIN', `collector ${host} presented public key ${publicKeyPin(cert)}, which does not match the configured pin ${tls.pinSha256}`);
      }
      return undefined;
    },
  };
}
