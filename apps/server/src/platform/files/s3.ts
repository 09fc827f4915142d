import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Config } from '../../config/defaults.ts';
import { checkPath, FileMissingError, type ByteRange, type FileBackend } from './backend.ts';

type FileSettings = Config['FileSettings'];

const isMissing = (err: unknown) =>
  err instanceof S3ServiceException &&
  (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404);

/**
 * Virtual-host addressing only works with AWS's own endpoints; every other S3-compatible server
 * (MinIO, Ceph, moto…) is addressed by path, as Mattermost's MinIO client decides automatically.
 */
export function usesPathStyle(endpoint: string): boolean {
  const host = endpoint
    .replace(/^https?:\/\//, '')
    .split('/')[0]
    .split(':')[0];
  return !/(^|\.)amazonaws\.com$/i.test(host);
}

/** Files in an S3-compatible bucket (FileSettings.DriverName "amazons3"). */
export class S3Backend implements FileBackend {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly sse: boolean;

  constructor(s: FileSettings) {
    const endpoint = s.AmazonS3Endpoint || 's3.amazonaws.com';
    this.client = new S3Client({
      region: s.AmazonS3Region || 'us-east-1',
      endpoint: /^https?:\/\//.test(endpoint)
        ? endpoint
        : `${s.AmazonS3SSL ? 'https' : 'http'}://${endpoint}`,
      forcePathStyle: usesPathStyle(endpoint),
      // Empty keys mean the SDK's default chain (environment, instance role), as in Mattermost.
      credentials: s.AmazonS3AccessKeyId
        ? { accessKeyId: s.AmazonS3AccessKeyId, secretAccessKey: s.AmazonS3SecretAccessKey }
        : undefined,
      // Checksum trailers are not understood by every S3-compatible server; send them only when required.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.bucket = s.AmazonS3Bucket;
    this.prefix = s.AmazonS3PathPrefix.replace(/^\/+|\/+$/g, '');
    this.sse = s.AmazonS3SSE;
  }

  private key(path: string): string {
    checkPath(path);
    return this.prefix ? `${this.prefix}/${path}` : path;
  }

  async put(path: string, data: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.key(path),
        Body: data,
        ContentType: contentType,
        ContentLength: data.length,
        ServerSideEncryption: this.sse ? 'AES256' : undefined,
      }),
    );
  }

  async read(path: string): Promise<Buffer> {
    const { stream } = await this.open(path);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async open(path: string, range?: ByteRange) {
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.key(path),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      // "bytes 0-9/1234" names the full size of a ranged answer.
      const total = out.ContentRange
        ? Number(out.ContentRange.split('/')[1])
        : Number(out.ContentLength ?? 0);
      return { stream: out.Body as Readable, size: total };
    } catch (err) {
      if (isMissing(err)) throw new FileMissingError(path);
      throw err;
    }
  }

  async size(path: string): Promise<number | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(path) }));
      return Number(out.ContentLength ?? 0);
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async remove(path: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(path) }));
  }
}
