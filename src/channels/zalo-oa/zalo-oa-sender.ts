import type { TPhotoRef } from '../../core/message.js';
import { fetchRemotePhoto } from '../../files/fetch-remote-photo.js';
import { isRemoteLink } from '../../files/keep-remote-photo.js';
import { sendParts, type ChannelSender, type SendProgress, type TOutMessage } from '../../outbox/out-message.js';
import type { ZaloOaApi } from './zalo-oa-api.js';

/** The OA image upload takes JPG and PNG up to 1 MB (POST /v2.0/oa/upload/image). */
const OA_IMAGE_MAX_BYTES = 1024 * 1024;
/** A message carries a few buttons at most; more choices stay a numbered list only. */
const OA_MAX_BUTTONS = 5;
const OA_BUTTON_TITLE_MAX = 100;

export interface ZaloOaSenderOptions {
  api: ZaloOaApi;
  /** Hosts a Zalo photo link may be fetched from. */
  photoHosts: readonly string[];
  allowHttpPhotos?: boolean;
  /** The bytes of a file kept by the bot (a web chat photo), by its id. */
  loadStoredFile: (id: string) => Promise<Buffer | null>;
}

/**
 * Sends customer-service messages (POST /v3.0/oa/message/cs). The text carries its choices as
 * a numbered list; up to five of them also become `oa.query.show` buttons whose payload is the
 * option's own words, which the person then "says", so a tap is read as the option is.
 * Photos are uploaded and sent as a media template first; one the OA cannot take is left to
 * the text's photo count.
 */
export class ZaloOaSender implements ChannelSender {
  readonly channel = 'zalo_oa' as const;

  constructor(private readonly options: ZaloOaSenderOptions) {}

  async send(chatId: string, message: TOutMessage, progress?: SendProgress): Promise<void> {
    const { api } = this.options;
    const photos = message.photos ?? [];
    await sendParts(
      [
        ...photos.map((photo) => async () => {
          const image = await this.imageOf(photo);
          if (!image) return;
          const attachmentId = await api.uploadImage(image.data, image.mimeType);
          // The media template (github.com/zaloplatform/zalo-java-sdk, v3/SendImageCSMessage.java).
          await api.sendCustomerService(chatId, {
            attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', attachment_id: attachmentId }] } },
          });
        }),
        () => api.sendCustomerService(chatId, textMessage(message)),
      ],
      progress,
    );
  }

  private async imageOf(photo: TPhotoRef): Promise<{ data: Buffer; mimeType: string } | null> {
    // A web upload, or a Zalo photo kept on arrival: the bot has its bytes.
    if (photo.channel !== 'telegram' && !isRemoteLink(photo.fileRef)) {
      const data = await this.options.loadStoredFile(photo.fileRef);
      return data && data.length <= OA_IMAGE_MAX_BYTES && isJpegOrPng(data) ? { data, mimeType: isPng(data) ? 'image/png' : 'image/jpeg' } : null;
    }
    if (photo.channel !== 'zalo_oa' && photo.channel !== 'zalo') return null;
    const fetched = await fetchRemotePhoto({ url: photo.fileRef, allowedHosts: this.options.photoHosts, allowHttp: this.options.allowHttpPhotos ?? false, maxBytes: OA_IMAGE_MAX_BYTES });
    return fetched.ok && fetched.mimeType !== 'image/webp' ? { data: fetched.data, mimeType: fetched.mimeType } : null;
  }
}

/** The text, with buttons for its choices when they are few (the OA's button template). */
export function textMessage(message: TOutMessage): Record<string, unknown> {
  const buttons = message.buttons?.flat() ?? [];
  if (!buttons.length || buttons.length > OA_MAX_BUTTONS) return { text: message.text };
  return {
    text: message.text,
    attachment: {
      type: 'template',
      payload: { buttons: buttons.map((b) => ({ type: 'oa.query.show', title: b.label.slice(0, OA_BUTTON_TITLE_MAX), payload: b.label })) },
    },
  };
}

const isPng = (data: Buffer) => data.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
const isJpegOrPng = (data: Buffer) => isPng(data) || (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff);
