/**
 * An S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, Backblaze B2…) through @aws-sdk/client-s3. PutObject
 * replaces an object in one step, so a reader never sees half a file. Short Cache-Control, so a CDN in front
 * shows an update within a minute. The outbox does the retrying: the SDK's own retries are off.
 */
import { ChannelError } from '../channels/channel-adapter';
import { hostOf } from '../channels/redact';
import { pageLast, reasonOf, type PublishedFile, type Publisher } from './publisher';

export interface S3Target {
  endpoint?: string;
  region: string;
  bucket: string;
  prefix: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

const CACHE_CONTROL = 'public, max-age=30';

function explain(err: unknown, file: string, t: S3Target): string {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const where = `s3://${t.bucket}/${t.prefix}${file}`;
  if (status === 403)
    return `the bucket refused ${where} (403 ${e.name ?? 'Forbidden'}): check the access key, its secret and its rights`;
  if (status === 404) return `no bucket "${t.bucket}" at ${hostOf(t.endpoint) || 'AWS'} (404)`;
  if (status) return `the bucket answered ${status} ${e.name ?? ''} for ${where}`.trim();
  return `could not reach ${t.endpoint ? hostOf(t.endpoint) : 'S3'} (${reasonOf(err)})`;
}

export function s3Publisher(t: S3Target): Publisher {
  // The SDK is loaded when a page is first published there, not with every start of Onair.
  const sdk = () => import('@aws-sdk/client-s3');
  const client = ({ S3Client }: Awaited<ReturnType<typeof sdk>>) =>
    new S3Client({
      endpoint: t.endpoint || undefined,
      region: t.region,
      forcePathStyle: t.forcePathStyle,
      credentials: { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey },
      maxAttempts: 1,
      // Many S3-compatible stores do not know the newer default checksum headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  return {
    where: `s3://${t.bucket}/${t.prefix}${t.endpoint ? ` at ${hostOf(t.endpoint)}` : ''}`,
    async publish(files: readonly PublishedFile[], signal?: AbortSignal) {
      const aws = await sdk();
      const { PutObjectCommand } = aws;
      const s3 = client(aws);
      try {
        for (const f of pageLast(files)) {
          try {
            await s3.send(
              new PutObjectCommand({
                Bucket: t.bucket,
                Key: `${t.prefix}${f.name}`,
                Body: f.body,
                ContentType: f.contentType,
                CacheControl: CACHE_CONTROL,
              }),
              { abortSignal: signal },
            );
          } catch (err) {
            throw new ChannelError(`status-page: ${explain(err, f.name, t)}`, true);
          }
        }
      } finally {
        s3.destroy();
      }
    },
  };
}
