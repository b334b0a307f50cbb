import type { ChannelTraits } from '../../core/channel-traits.js';

export const ZALO_OA_TRAITS: ChannelTraits = {
  // A customer-service text message holds at most 2,000 characters.
  maxText: 2000,
  // Choices are a numbered list; the sender adds buttons that answer with the number.
  choices: 'numbered',
  // The OA file upload (POST /v2.0/oa/upload/file) takes PDF, DOC and DOCX only, so the Excel
  // export cannot be sent: a document's message says where to get it.
  sendsFiles: false,
  // user_send_location carries the coordinates a person shares.
  receivesLocations: true,
  sendGapMs: 50,
  // A person who unfollows the OA, or is locked by Zalo, cannot be written to until they write.
  refusal: 'unreachable',
  // Events carry the user id only; the channel asks the OA's user detail API for the name.
  knowsName: true,
  interactionWindow: true,
};
