import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { frenchDate } from '../core/french-date';
import { buildInstallmentSchedule, formatEuros, sumCents, type ConventionYearAmount } from '@tremplin/domain';
import { winAnsi } from '../applications/application-receipt';
import type { GrantorIdentity } from '../grantor/grantor.service';

export interface ConventionDocumentData {
  grantor: GrantorIdentity;
  /** CONV-2016-0001 */
  number: string;
  /** 1 for the original convention, then one more per amendment (avenant). */
  versionNo: number;
  /** The amendment's reason, printed on versions after the first. */
  amendmentReason?: string;
  callTitle: string;
  axisLabel: string;
  /** The committee's deliberation that granted the subsidy. */
  deliberationReference: string;
  deliberationDate: string | null;
  organization: {
    legalName: string;
    siret: string | null;
    rna: string | null;
    addressLine: string;
    postalCode: string;
    city: string;
    legalRepName: string;
    legalRepFunction: string;
  };
  project: { reference: string; title: string };
  years: readonly ConventionYearAmount[];
  /** Due dates an amendment moves (ISO days): printed in the schedule instead of the rule's words. */
  /** Due dates moved by amendments: `byAmendment` the earlier amendment's number, null for the one being rendered. */
  movedDueDates?: ReadonlyArray<{ year: number; kind: 'advance' | 'balance'; dueOn: string; byAmendment?: number | null }>;
  /** The call's share of each year paid as advance, in basis points (6000 = 60 %). */
  advanceBasisPoints: number;
  generatedAt: Date;
}

export interface RenderedDocument {
  bytes: Buffer;
  /** Hex SHA-256 of `bytes`, stored with the convention. */
  sha256: string;
}


function percent(basisPoints: number): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(basisPoints / 100)} %`;
}

/**
 * The convention as a French PDF (pdfkit, uncompressed so that its text stays checkable and the
 * signature placeholder can be added by a plain incremental update). Identical input gives identical
 * bytes: the creation date is the given `generatedAt`, and no random id is written.
 */
export function renderConventionDocument(data: ConventionDocumentData): Promise<RenderedDocument> {
  const years = [...data.years].sort((a, b) => a.year - b.year);
  const first = years[0];
  if (!first) throw new RangeError('a convention covers at least one year');
  const total = sumCents(years.map((y) => y.amountCents));
  // The amounts per installment come from the one schedule rule of libs/domain; dates are stated in words.
  const schedule = buildInstallmentSchedule({ years, rule: { advanceBasisPoints: data.advanceBasisPoints }, signedOn: `${first.year}-01-01` });
  const title = data.versionNo > 1 ? `Avenant n° ${data.versionNo - 1} à la convention ${data.number}` : `Convention ${data.number}`;

  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: false,
    info: {
      Title: winAnsi(title),
      Author: winAnsi(data.grantor.name),
      Subject: winAnsi(data.callTitle),
      CreationDate: data.generatedAt,
      ModDate: data.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<RenderedDocument>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      const bytes = Buffer.concat(chunks);
      resolve({ bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
    });
    doc.on('error', reject);
  });
  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).text(winAnsi(text)).moveDown(0.3).font('Helvetica').fontSize(10);
  };
  const paragraph = (text: string) => doc.text(winAnsi(text), { align: 'justify' }).moveDown(0.4);
  const org = data.organization;
  const identifiers = [org.siret ? `SIRET ${org.siret}` : '', org.rna ? `RNA ${org.rna}` : ''].filter(Boolean).join(', ');

  doc.font('Helvetica-Bold').fontSize(10).text(winAnsi(data.grantor.name.toLocaleUpperCase('fr-FR')));
  doc.font('Helvetica').fontSize(9).text(winAnsi(data.grantor.address));
  doc.moveDown(1.2);
  doc.font('Helvetica-Bold').fontSize(16).text(winAnsi(title), { align: 'center' });
  doc.font('Helvetica').fontSize(10).text(winAnsi(`Convention pluriannuelle d'objectifs — ${data.callTitle}`), { align: 'center' });
  doc.moveDown(1);

  heading('Entre les soussignés');
  paragraph(
    `${data.grantor.name}, SIRET ${data.grantor.siret}, dont le siège est ${data.grantor.address.replace(/\n/g, ', ')}, ` +
      `représenté par ${data.grantor.presidentName}, ${data.grantor.presidentTitle}, ` +
      `dûment habilité par la délibération ${data.deliberationReference}` +
      `${data.deliberationDate ? ` du ${frenchDate(data.deliberationDate)}` : ''}, ci-après « le Département »,`,
  );
  paragraph('et');
  paragraph(
    `${org.legalName}${identifiers ? ` (${identifiers})` : ''}, dont le siège est ${org.addressLine}, ${org.postalCode} ${org.city}, ` +
      `représentée par ${org.legalRepName || '(représentant légal à compléter)'}${org.legalRepFunction ? `, ${org.legalRepFunction}` : ''}, ` +
      'ci-après « l\'association ».',
  );
  if (data.versionNo > 1 && data.amendmentReason) {
    heading('Motif de l\'avenant');
    paragraph(data.amendmentReason);
  }

  heading('Article 1 — Objet');
  paragraph(
    `La présente convention fixe les conditions dans lesquelles le Département soutient le projet « ${data.project.title} » ` +
      `(dossier ${data.project.reference}, axe « ${data.axisLabel} »), retenu au titre de l'appel à projets « ${data.callTitle} ». ` +
      'L\'association s\'engage à le mettre en œuvre conformément au dossier déposé, au bénéfice des allocataires du RSA.',
  );

  heading('Article 2 — Montant de la subvention');
  paragraph(`Le Département attribue à l'association une subvention d'un montant total de ${formatEuros(total, 'fr')}, répartie comme suit :`);
  for (const { year, amountCents } of years) doc.text(winAnsi(`• ${year} : ${formatEuros(amountCents, 'fr')}`), { indent: 16 });
  doc.moveDown(0.4);
  paragraph('Les montants des années suivant la première sont versés sous réserve du vote des crédits de paiement correspondants.');

  heading('Article 3 — Modalités de versement');
  paragraph(
    `Chaque année, une avance de ${percent(data.advanceBasisPoints)} du montant annuel est versée, ` +
      'arrondie au centime inférieur ; le solde est versé après approbation du compte rendu financier de l\'année. ' +
      'Le paiement intervient dans un délai de soixante jours à compter de son échéance.',
  );
  const moved = new Map((data.movedDueDates ?? []).map((m) => [`${m.year}:${m.kind}`, m]));
  for (const installment of schedule) {
    const move = moved.get(`${installment.year}:${installment.kind}`);
    const movedBy = move ? `échéance fixée par ${move.byAmendment ? `l'avenant n° ${move.byAmendment}` : 'le présent avenant'} au ${frenchDate(move.dueOn)}` : '';
    const when =
      installment.kind === 'advance'
        ? move
          ? movedBy
          : installment.year === first.year
            ? 'à la signature de la convention'
            : `à compter du ${frenchDate(`${installment.year}-01-01`)}`
        : `après approbation du compte rendu ${installment.year} (à remettre au plus tard le ${frenchDate(`${installment.year + 1}-06-30`)})` +
          (move ? `, ${movedBy}` : '');
    const label = installment.kind === 'advance' ? 'avance' : 'solde';
    doc.text(winAnsi(`• ${installment.year}, ${label} : ${formatEuros(installment.amountCents, 'fr')}, ${when}`), { indent: 16 });
  }
  doc.moveDown(0.4);

  heading('Article 4 — Obligations de l\'association');
  paragraph(
    'L\'association remet chaque année, au plus tard six mois après la fin de l\'exercice, un compte rendu financier ' +
      '(CERFA n° 15059) et un bilan d\'activité renseignant les indicateurs du projet (nombre d\'allocataires du RSA accompagnés, ' +
      'sorties positives, actions réalisées), sans jamais désigner nominativement les personnes accompagnées.',
  );
  paragraph(
    'Elle mentionne le soutien financier du Département sur tous ses supports de communication relatifs au projet. ' +
      'Elle tient une comptabilité conforme au plan comptable associatif et informe sans délai le Département de toute ' +
      'modification de ses statuts, de ses représentants ou de la conduite du projet.',
  );

  heading('Article 5 — Contrôle');
  paragraph(
    'Le Département peut contrôler à tout moment, sur pièces et sur place, l\'utilisation de la subvention. L\'association ' +
      'communique tout document utile à ce contrôle. Toute subvention non utilisée conformément à son objet donne lieu à reversement.',
  );

  heading('Article 6 — Modification, suspension et résiliation');
  paragraph(
    'Toute modification de la présente convention fait l\'objet d\'un avenant signé des deux parties. En cas de manquement ' +
      'de l\'association à ses obligations, le Département peut suspendre les versements, puis résilier la convention par ' +
      'lettre recommandée restée sans effet pendant un mois.',
  );
  paragraph(
    'En cas de résiliation, le Département émet un ordre de reversement des sommes versées et non utilisées conformément ' +
      'à l\'objet de la convention ; le montant à reverser ne peut excéder le total des sommes versées.',
  );

  heading('Article 7 — Données personnelles');
  paragraph(
    `Les données personnelles échangées pour l'exécution de la convention sont traitées par ${data.grantor.name} ` +
      'pour la gestion des subventions (mission d\'intérêt public, RGPD art. 6.1.e), conservées le temps de la convention ' +
      'puis des délais d\'archivage légaux. Les personnes concernées disposent d\'un droit d\'accès, de rectification, ' +
      'de limitation et d\'opposition auprès du délégué à la protection des données du Département. Les comptes rendus ' +
      'ne contiennent que des données agrégées sur les allocataires accompagnés.',
  );

  heading('Article 8 — Durée');
  paragraph(
    `La convention prend effet à sa signature par les deux parties et court jusqu'au ${frenchDate(`${(years.at(-1)?.year ?? first.year) + 1}-06-30`)}, ` +
      'date limite de remise du dernier compte rendu financier.',
  );

  doc.moveDown(1);
  doc.font('Helvetica').fontSize(10).text(winAnsi(`Établie le ${frenchDate(data.generatedAt)}, en version électronique.`));
  doc.moveDown(1);
  const top = doc.y;
  const half = (doc.page.width - 112) / 2;
  doc.font('Helvetica-Bold').text('Pour l\'association', 56, top, { width: half });
  doc.font('Helvetica').text(winAnsi(org.legalRepName || '—'), { width: half });
  if (org.legalRepFunction) doc.text(winAnsi(org.legalRepFunction), { width: half });
  doc.font('Helvetica-Bold').text('Pour le Département', 56 + half, top, { width: half });
  doc.font('Helvetica').text(winAnsi(data.grantor.presidentName), { width: half });
  doc.text(winAnsi(data.grantor.presidentTitle), { width: half });
  doc.end();
  return done;
}
