import type { EntityManager } from 'typeorm';
import type { StorageService } from '../documents/storage.service';
import { renderConventionDocument, type ConventionDocumentData } from './convention-document';

export interface StoredConventionDocument {
  storageKey: string;
  sha256: string;
}

interface ConventionSource {
  number: string;
  documentVersion: number;
  storageKey: string | null;
  sha256: string | null;
  createdAt: Date;
  callTitle: string;
  advanceBasisPoints: number;
  axisLabel: string;
  reference: string | null;
  title: string;
  snapshotOrganization: Partial<ConventionDocumentData['organization']> | null;
  organization: ConventionDocumentData['organization'];
  sessionReference: string | null;
  sessionDate: string | null;
  conventionDeliberation: string | null;
  years: Array<{ year: number; amountCents: string }>;
}

/**
 * The convention's original PDF (version 1), rendered and stored on first need when the row has none
 * (the demo seeds thousands of conventions and renders only some, see migration 1764340000000). The
 * rendering is deterministic — the convention's creation instant is the document's date, the
 * organisation as frozen in the submitted application, the committee's deliberation, the yearly
 * amounts — so a late rendering gives the bytes an early one would have. Two concurrent callers may
 * both render: the first UPDATE wins and the other's file is removed. Returns null for an unknown id.
 * Call it inside or outside a transaction; the API's download and detail routes call it before reading
 * `document_storage_key` / `document_sha256`.
 */
export async function ensureConventionDocument(manager: EntityManager, storage: StorageService, conventionId: string): Promise<StoredConventionDocument | null> {
  const [row] = (await manager.query(
    `SELECT c.number, c.document_version AS "documentVersion", c.document_storage_key AS "storageKey", c.document_sha256 AS "sha256",
            c.created_at AS "createdAt", cl.title AS "callTitle", cl.advance_basis_points AS "advanceBasisPoints", ax.label_fr AS "axisLabel",
            a.reference, a.title, v.snapshot->'organization' AS "snapshotOrganization",
            jsonb_build_object('legalName', o.legal_name, 'siret', o.siret, 'rna', o.rna, 'addressLine', o.address_line, 'postalCode', o.postal_code,
                               'city', o.city, 'legalRepName', o.legal_rep_name, 'legalRepFunction', o.legal_rep_function) AS organization,
            s.deliberation_reference AS "sessionReference", to_char(s.sits_on, 'YYYY-MM-DD') AS "sessionDate",
            c.deliberation_reference AS "conventionDeliberation",
            (SELECT coalesce(jsonb_agg(jsonb_build_object('year', cy.year, 'amountCents', cy.amount_cents::text) ORDER BY cy.year), '[]'::jsonb)
               FROM convention_year cy WHERE cy.convention_id = c.id) AS years
       FROM convention c
       JOIN call cl ON cl.id = c.call_id
       JOIN application a ON a.id = c.application_id
       JOIN call_axis ax ON ax.id = a.axis_id
       JOIN organization o ON o.id = c.organization_id
       LEFT JOIN application_version v ON v.application_id = a.id AND v.version_no = a.submitted_version
       LEFT JOIN committee_decision d ON d.application_id = a.id
       LEFT JOIN committee_session s ON s.id = d.session_id
      WHERE c.id = $1`,
    [conventionId],
  )) as ConventionSource[];
  if (!row) return null;
  if (row.storageKey && row.sha256) return { storageKey: row.storageKey, sha256: row.sha256 };
  // The CHECK ck_convention_document_rendered keeps amended conventions out of here: their years are
  // no longer the original's.
  if (row.documentVersion !== 1) throw new Error(`convention ${row.number} (version ${row.documentVersion}) has no stored original`);

  const [grantor] = (await manager.query(
    `SELECT name, siret, address, president_name AS "presidentName", president_title AS "presidentTitle" FROM grantor WHERE id = 1`,
  )) as Array<ConventionDocumentData['grantor']>;
  if (!grantor) throw new Error('no grantor record');
  const frozen = row.snapshotOrganization ?? {};
  const organization = Object.fromEntries(
    Object.entries(row.organization).map(([key, value]) => [key, frozen[key as keyof typeof frozen] ?? value]),
  ) as ConventionDocumentData['organization'];
  const { bytes, sha256 } = await renderConventionDocument({
    grantor: { name: grantor.name, siret: grantor.siret.trim(), address: grantor.address, presidentName: grantor.presidentName, presidentTitle: grantor.presidentTitle },
    number: row.number,
    versionNo: 1,
    callTitle: row.callTitle,
    axisLabel: row.axisLabel,
    deliberationReference: row.sessionReference ?? row.conventionDeliberation ?? '—',
    deliberationDate: row.sessionReference ? row.sessionDate : null,
    organization,
    project: { reference: row.reference ?? '', title: row.title },
    years: row.years.map((y) => ({ year: y.year, amountCents: Number(y.amountCents) })),
    advanceBasisPoints: row.advanceBasisPoints,
    generatedAt: new Date(row.createdAt),
  });
  const storageKey = await storage.put(bytes);
  const updated = (await manager.query(
    `UPDATE convention SET document_storage_key = $2, document_sha256 = $3 WHERE id = $1 AND document_storage_key IS NULL
     RETURNING document_storage_key AS "storageKey"`,
    [conventionId, storageKey, sha256],
  )) as [Array<{ storageKey: string }>, number] | Array<{ storageKey: string }>;
  const won = Array.isArray(updated[0]) ? (updated[0] as unknown[]).length > 0 : (updated as unknown[]).length > 0;
  if (won) return { storageKey, sha256 };
  // Another caller stored it first: keep theirs (the same bytes) and drop ours.
  await storage.delete(storageKey);
  const [stored] = (await manager.query(`SELECT document_storage_key AS "storageKey", document_sha256 AS "sha256" FROM convention WHERE id = $1`, [
    conventionId,
  ])) as Array<{ storageKey: string; sha256: string }>;
  return stored ?? null;
}
