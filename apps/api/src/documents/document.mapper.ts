import type { DocumentView } from '@tremplin/contracts';
import type { ApplicationDocument } from './application-document.entity';

export function toDocumentView(d: ApplicationDocument): DocumentView {
  return {
    id: d.id,
    kind: d.kind,
    fileName: d.fileName,
    mimeType: d.mimeType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedAt: d.uploadedAt.toISOString(),
  };
}

/** What the audit trail keeps of a document: enough to prove which bytes were given, not the bytes. */
export function documentSnapshot(d: ApplicationDocument): Record<string, unknown> {
  return { applicationId: d.applicationId, kind: d.kind, fileName: d.fileName, mimeType: d.mimeType, sizeBytes: d.sizeBytes, sha256: d.sha256, messageId: d.messageId };
}
