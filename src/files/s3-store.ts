import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import { assertStorageKey, isStorageKey, newStorageKey, type FileStore } from './store.ts';

/** Attachment bytes in an S3-compatible bucket (AWS, MinIO, …) under the same generated keys as on disk. */
export function createS3FileStore(
  config: Config,
): FileStore & { client: S3Client; bucket: string } {
  const bucket = config.PLAYMAKER_S3_BUCKET;
  if (!bucket || !config.PLAYMAKER_S3_ACCESS_KEY_ID || !config.PLAYMAKER_S3_SECRET_ACCESS_KEY) {
    throw new Error(
      'S3 storage is not configured: set PLAYMAKER_S3_BUCKET, PLAYMAKER_S3_ACCESS_KEY_ID and PLAYMAKER_S3_SECRET_ACCESS_KEY',
    );
  }
  const client = new S3Client({
    region: config.PLAYMAKER_S3_REGION ?? 'us-east-1',
    ...(config.PLAYMAKER_S3_ENDPOINT ? { endpoint: config.PLAYMAKER_S3_ENDPOINT } : {}),
    forcePathStyle: config.PLAYMAKER_S3_FORCE_PATH_STYLE === 'true',
    credentials: {
      accessKeyId: config.PLAYMAKER_S3_ACCESS_KEY_ID,
      secretAccessKey: config.PLAYMAKER_S3_SECRET_ACCESS_KEY,
    },
    // The SDK's default CRC32 checksum headers are refused by many S3-compatible servers; send them only where S3 requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const write = async (key: string, bytes: Buffer) => {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: assertStorageKey(key),
        Body: bytes,
        ContentLength: bytes.length,
      }),
    );
  };
  return {
    client,
    bucket,
    async put(bytes) {
      const key = newStorageKey();
      await write(key, bytes);
      return key;
    },
    async get(key) {
      try {
        const out = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: assertStorageKey(key) }),
        );
        return out.Body as Readable;
      } catch (err) {
        // NoSuchKey only: a missing bucket or a denied request is an outage, not a missing file.
        if ((err as Error).name === 'NoSuchKey') return null;
        throw err;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: assertStorageKey(key) }));
    },
    async *keys() {
      for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket })) {
        for (const object of page.Contents ?? [])
          if (object.Key && isStorageKey(object.Key)) yield object.Key;
      }
    },
    async has(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: assertStorageKey(key) }));
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },
    write,
  };
}

function isNotFound(err: unknown): boolean {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;
}
