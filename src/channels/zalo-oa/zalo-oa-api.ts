import { z } from 'zod';
import { DeliveryError } from '../../errors.js';
import { classifyZaloOaError, ZALO_OA_TOKEN_CODES } from './classify-zalo-oa-error.js';

const ZAnswer = z.object({ error: z.coerce.number(), message: z.string().optional(), data: z.unknown().optional() }).loose();

export interface ZaloOaApiOptions {
  apiRoot: string;
  /** The current access token; throws a `suspended` DeliveryError when there is none. */
  accessToken: () => Promise<string>;
  /** Called when the OA refuses the token, so it is renewed before its time. */
  onTokenRefused: (token: string) => void;
  timeoutMs?: number;
}

/**
 * A thin client for the OA Open API (https://openapi.zalo.me). The access token travels in the
 * `access_token` header, as Zalo's own SDKs send it (github.com/zaloplatform/zalo-java-sdk,
 * src/test/java/v3/SendTextCSMessage.java); it is never put in a URL or an error.
 */
export class ZaloOaApi {
  constructor(private readonly options: ZaloOaApiOptions) {}

  /** POST /v3.0/oa/message/cs: a customer-service message, `{ recipient: { user_id }, message }`. */
  async sendCustomerService(userId: string, message: Record<string, unknown>): Promise<unknown> {
    return this.call('/v3.0/oa/message/cs', { json: { recipient: { user_id: userId }, message } });
  }

  /**
   * POST /v2.0/oa/upload/image, multipart field `file`: JPG or PNG up to 1 MB, kept by Zalo
   * for 7 days; answers `data.attachment_id` for a media template.
   */
  async uploadImage(data: Buffer, mimeType: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)], { type: mimeType }), mimeType === 'image/png' ? 'photo.png' : 'photo.jpg');
    const answer = z.object({ attachment_id: z.string().min(1) }).safeParse(await this.call('/v2.0/oa/upload/image', { form }));
    if (!answer.success) throw new DeliveryError('Zalo OA upload gave no attachment_id', 'transient');
    return answer.data.attachment_id;
  }

  /**
   * GET /v3.0/oa/user/detail?data={"user_id":…}: the person's profile; only `display_name` is
   * read. Webhook events carry the user id alone.
   */
  async userName(userId: string, timeoutMs?: number): Promise<string | null> {
    const query = new URLSearchParams({ data: JSON.stringify({ user_id: userId }) });
    const profile = z.object({ display_name: z.string().min(1).max(200) }).loose().safeParse(await this.call(`/v3.0/oa/user/detail?${query}`, null, timeoutMs));
    return profile.success ? profile.data.display_name : null;
  }

  private async call(path: string, body: { json: unknown } | { form: FormData } | null, timeoutMs = this.options.timeoutMs ?? 15_000): Promise<unknown> {
    const token = await this.options.accessToken();
    let res: Response;
    try {
      res = await fetch(`${this.options.apiRoot}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { access_token: token, ...(body && 'json' in body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: 'json' in body ? JSON.stringify(body.json) : body.form } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      throw new DeliveryError(`network error talking to Zalo OA (${name === 'TimeoutError' ? 'timeout' : name})`, 'transient');
    }
    let answer: z.infer<typeof ZAnswer>;
    try {
      answer = ZAnswer.parse(await res.json());
    } catch {
      throw new DeliveryError(`Zalo OA answered ${res.status} without a readable body`, res.status === 429 ? 'rate_limited' : res.status >= 500 ? 'transient' : 'permanent', res.status === 429 ? 60 : undefined);
    }
    if (answer.error === 0) return answer.data;
    if (ZALO_OA_TOKEN_CODES.has(answer.error)) this.options.onTokenRefused(token);
    throw classifyZaloOaError(answer.error, answer.message ?? '');
  }
}
