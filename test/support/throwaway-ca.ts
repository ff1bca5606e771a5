import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ThrowawayPki {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate (CN audisp-json-test-client), made with openssl in `dir`. */
export function makeThrowawayPki(dir: string): ThrowawayPki {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=audisp-json test CA',
    '-keyout', file('ca.key'), '-out', file('ca.pem'));
  const leaf = (name: string, cn: string, ext: string) => {
    fs.writeFileSync(file(`${name}.ext`), ext);
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`));
    openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
      '-days', '2', '-extfile', file(`${name}.ext`), '-out', file(`${name}.pem`));
  };
  leaf('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  leaf('client', 'audisp-json-test-client', 'extendedKeyUsage=clientAuth\n');
  return {
    caCert: file('ca.pem'), serverCert: file('server.pem'), serverKey: file('server.key'),
    clientCert: file('client.pem'), clientKey: file('client.key'),
  };
}
