/**
 * An S3 stand-in on 127.0.0.1:0 that checks AWS Signature Version 4 on every request, the way S3 does: the
 * canonical request is rebuilt from what arrived (method, path, query, the signed headers, the payload hash, which
 * must match the body), signed again with the secret, and compared. A wrong key or secret gets S3's own 403
 * `SignatureDoesNotMatch` / `InvalidAccessKeyId` XML. Objects are kept in memory (path-style: /bucket/key);
 * GET returns them with the Content-Type and Cache-Control they were stored with. `refuse` forces an answer.
 *
 * The check is written here with node:crypto from the SigV4 documentation, independent of the SDK's own signer.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredObject {
  body: Buffer;
  contentType?: string;
  cacheControl?: string;
}

export interface S3Standin {
  url: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `bucket/key` → object */
  objects: Map<string, StoredObject>;
  /** Every request: method, path, and whether its signature held. */
  requests: { method: string; path: string; signed: boolean }[];
  /** When set, every PUT gets this status (and S3's error XML) instead of being stored. */
  refuse?: { status: number; code: string };
  close(): Promise<void>;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

function errorXml(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

/** S3 canonical query: keys and values URI-encoded (RFC 3986 unreserved kept), sorted by key. */
function canonicalQuery(search: string): string {
  const enc = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return [...new URLSearchParams(search)]
    .map(([k, v]) => [enc(k), enc(v)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Null when the request's SigV4 signature holds, else the S3 error code and message. */
function verify(
  req: IncomingMessage,
  body: Buffer,
  s: Pick<S3Standin, 'accessKeyId' | 'secretAccessKey' | 'region'>,
): { code: string; message: string } | null {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      String(req.headers.authorization ?? ''),
    );
  if (!auth) return { code: 'AccessDenied', message: 'missing or malformed SigV4 Authorization' };
  const [, keyId, day, region, signedHeaders, signature] = auth;
  if (keyId !== s.accessKeyId) return { code: 'InvalidAccessKeyId', message: 'unknown access key' };
  if (region !== s.region) return { code: 'AuthorizationHeaderMalformed', message: `region must be ${s.region}` };
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(day)) return { code: 'AccessDenied', message: 'x-amz-date does not match the scope' };
  const names = signedHeaders.split(';');
  if (!['host', 'x-amz-date', 'x-amz-content-sha256'].every((h) => names.includes(h)))
    return { code: 'AccessDenied', message: 'host, x-amz-date and x-amz-content-sha256 must be signed' };
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body))
    return { code: 'XAmzContentSHA256Mismatch', message: 'the body does not match x-amz-content-sha256' };
  const url = new URL(req.url ?? '/', 'http://standin');
  const canonicalHeaders = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [
    req.method,
    url.pathname,
    canonicalQuery(url.search),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const kSigning = hmac(hmac(hmac(hmac(`AWS4${s.secretAccessKey}`, day), region), 's3'), 'aws4_request');
  const expected = createHmac('sha256', kSigning).update(toSign).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'))
    ? null
    : { code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match' };
}

export async function startS3Standin(
  opts: { bucket?: string; region?: string; accessKeyId?: string; secretAccessKey?: string } = {},
): Promise<S3Standin> {
  const standin: Omit<S3Standin, 'url' | 'close'> = {
    bucket: opts.bucket ?? 'status-bucket',
    region: opts.region ?? 'eu-south-1',
    accessKeyId: opts.accessKeyId ?? 'AKIDONAIRTEST0000001',
    secretAccessKey: opts.secretAccessKey ?? 'test-secret/key+value0123456789abcdefghij',
    objects: new Map(),
    requests: [],
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://standin').pathname).replace(/^\//, '');
      if (req.method === 'GET') {
        // Reading back is public, like a bucket served as a website.
        const obj = standin.objects.get(path);
        if (!obj) return errorXml(res, 404, 'NoSuchKey', 'The specified key does not exist.');
        res.writeHead(200, {
          ...(obj.contentType ? { 'Content-Type': obj.contentType } : {}),
          ...(obj.cacheControl ? { 'Cache-Control': obj.cacheControl } : {}),
        });
        return res.end(obj.body);
      }
      const problem = verify(req, body, standin);
      standin.requests.push({ method: req.method ?? '', path, signed: !problem });
      if (problem) return errorXml(res, 403, problem.code, problem.message);
      if (req.method !== 'PUT') return errorXml(res, 405, 'MethodNotAllowed', 'only PUT and GET');
      if (standin.refuse) return errorXml(res, standin.refuse.status, standin.refuse.code, 'refused by the test');
      if (!path.startsWith(`${standin.bucket}/`)) return errorXml(res, 404, 'NoSuchBucket', 'no such bucket');
      standin.objects.set(path, {
        body,
        contentType: req.headers['content-type'],
        cacheControl: req.headers['cache-control'],
      });
      res.writeHead(200, { ETag: `"${createHash('md5').update(body).digest('hex')}"` });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(standin, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
