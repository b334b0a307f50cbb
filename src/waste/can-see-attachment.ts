import { rolesIn, type CampaignDirectory } from '../core/campaigns.js';
import type { TPersonView } from '../core/person-view.js';
import { hasRole } from '../domain/role.js';
import { wasFileSentTo } from '../outbox/was-file-sent-to.js';
import type { Tx } from '../store/db.js';

export interface AttachmentViewer {
  /** The person with the roles of every campaign; each rule narrows them to the one that counts. */
  person: TPersonView;
  /** The identity asking: a photo the bot made is for the identity it was sent to. */
  identityId: string;
  campaigns: CampaignDirectory;
}

/**
 * A citizen's report belongs to the main campaign: its photos are for its reporter, the unit
 * handling it and the main campaign's officials, not an official of another movement only.
 * A photo the bot made (a chart) is for the official it was sent to, while still one.
 */
export async function canSeeAttachment(tx: Tx, attachmentId: string, viewer: AttachmentViewer) {
  const attachment = await tx.attachment.findUnique({ where: { id: attachmentId }, include: { wasteReport: true } });
  if (!attachment) return null;
  const { person, campaigns } = viewer;
  const report = attachment.wasteReport;
  if (!report) {
    const allowed = hasRole(person.roles, 'official') && (await wasFileSentTo(tx, { identityId: viewer.identityId, file: { attachmentId } }));
    return allowed ? attachment : null;
  }
  const allowed =
    hasRole(rolesIn(person, campaigns.main, campaigns), 'official') ||
    report.reporterId === person.id ||
    (report.assignedUnitId !== null && person.unitIds.includes(report.assignedUnitId));
  return allowed ? attachment : null;
}
