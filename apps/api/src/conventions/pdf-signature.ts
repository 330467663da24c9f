/**
 * PAdES signature of a PDF (PAdES baseline B-B): a detached CMS SignedData, RSA with SHA-256, whose
 * signed attributes are the content type, the digest of the PDF's byte range and the signer's
 * certificate (ESS signing-certificate-v2), under the /SubFilter ETSI.CAdES.detached. Any PDF reader can
 * then tell that the document was not altered after signature. @signpdf places the byte range; the CMS
 * is built here with node-forge's ASN.1 and signed with Node's crypto, because forge's PKCS#7 writer
 * cannot add the signing-certificate attribute PAdES requires.
 */
import { createHash, createPrivateKey, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf, Signer } from '@signpdf/signpdf';
import forge from 'node-forge';

const { asn1 } = forge;
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
} as const;

export const PADES_SUBFILTER = 'ETSI.CAdES.detached';
/** Room for the CMS in the PDF (hex doubles it): a 4096-bit key and its certificate fit with margin. */
const SIGNATURE_LENGTH = 8192;

/** The Département's signing key and certificate. */
export interface SigningIdentity {
  privateKey: KeyObject;
  certificateDer: Buffer;
}

export interface SignatureMeta {
  /** Who signs (the signatory's name, shown by PDF readers). */
  name: string;
  reason: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
}

const seq = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const oid = (value: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
const octets = (bytes: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
const integer = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const nullValue = () => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
const algorithm = (id: string) => seq([oid(id), nullValue()]);
const der = (node: forge.asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const fromDer = (bytes: Buffer) => asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));

/** Builds the detached CMS SignedData over `content` (the PDF without its /Contents placeholder). */
export function buildCmsSignature(content: Buffer, identity: SigningIdentity): Buffer {
  const digest = createHash('sha256').update(content).digest();
  const certificateHash = createHash('sha256').update(identity.certificateDer).digest();
  const attribute = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])]);
  // DER orders a SET OF by the encodings of its members.
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with SHA-256 (the default, omitted).
    attribute(OID.signingCertificateV2, seq([seq([seq([octets(certificateHash)])])])),
  ].sort((a, b) => Buffer.compare(der(a), der(b)));
  // The signature covers the attributes encoded as a SET (RFC 5652 §5.4), not as the [0] they are stored in.
  const signature = createSign('sha256').update(der(set(attributes))).sign(identity.privateKey);

  const tbs = fromDer(identity.certificateDer).value[0] as forge.asn1.Asn1;
  const tbsFields = tbs.value as forge.asn1.Asn1[];
  // With the explicit [0] version present: serialNumber is field 1, issuer field 3.
  const serial = tbsFields[1];
  const issuer = tbsFields[3];
  if (!serial || !issuer) throw new Error('unexpected certificate structure');
  const signerInfo = seq([
    integer(1),
    seq([issuer, serial]),
    algorithm(OID.sha256),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes),
    algorithm(OID.rsaEncryption),
    octets(signature),
  ]);
  const signedData = seq([
    integer(1),
    set([algorithm(OID.sha256)]),
    seq([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [fromDer(identity.certificateDer)]),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

class PadesSigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return buildCmsSignature(pdfBuffer, this.identity);
  }
}

/**
 * The signature dictionary's texts in printable ASCII (accents dropped, dashes and quotes plain).
 * @signpdf/placeholder-plain 3.3.0 encodes a non-ASCII text as UTF-16 and then writes it through a UTF-8
 * Buffer, so a reader would show « Ã¾Ã¿ C o n v… » instead of the reason; ASCII passes through intact.
 */
export function pdfSignatureText(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2013\u2014]/g, '-').replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u00ab\u00bb\u201c\u201d]/g, '"').replace(/[\u00a0\u202f]/g, ' ').replace(/[^\x20-\x7e]/g, '?');
}

/** Adds a signature field to `pdf` (an incremental update) and signs its byte range. */
export async function signPdf(pdf: Buffer, identity: SigningIdentity, meta: SignatureMeta): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: pdfSignatureText(meta.reason),
    contactInfo: pdfSignatureText(meta.contactInfo),
    name: pdfSignatureText(meta.name),
    location: pdfSignatureText(meta.location),
    signingTime: meta.signingTime,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: PADES_SUBFILTER,
    appName: 'Tremplin',
  });
  return new SignPdf().sign(withPlaceholder, new PadesSigner(identity));
}

export interface CertificateSubject {
  commonName: string;
  organization: string;
}

/**
 * A self-signed certificate for the demo (a real deployment configures the Département's own PKCS#12).
 * Returned as PKCS#12 so that the demo and a real certificate take the same path.
 */
export function createDemoCertificate(subject: CertificateSubject, passphrase: string, now = new Date()): Buffer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // Positive serial: a leading 0 bit.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + 10);
  const attrs = [
    { name: 'commonName', value: subject.commonName },
    { name: 'organizationName', value: subject.organization },
    { name: 'countryName', value: 'FR' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(forgeKey, [cert], passphrase, { algorithm: '3des', friendlyName: subject.commonName });
  return der(p12);
}

/** Reads the key and certificate of a PKCS#12 file's bytes (the key's certificate when several). */
export function identityFromPkcs12(p12: Buffer, passphrase: string): SigningIdentity {
  const parsed = forge.pkcs12.pkcs12FromAsn1(fromDer(p12), false, passphrase);
  const keyBag = parsed.getBags({ bagType: OID.pkcs8ShroudedKeyBag })[OID.pkcs8ShroudedKeyBag]?.[0];
  const certBags = parsed.getBags({ bagType: OID.certBag })[OID.certBag] ?? [];
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('the PKCS#12 holds no private key');
  const cert = certBags.map((bag: forge.pkcs12.Bag) => bag.cert).find((c: forge.pki.Certificate | undefined) => {
    const pub = c?.publicKey as forge.pki.rsa.PublicKey | undefined;
    return pub !== undefined && pub.n.equals(key.n) && pub.e.equals(key.e);
  });
  if (!cert) throw new Error('the PKCS#12 holds no certificate for its private key');
  return {
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificateDer: der(forge.pki.certificateToAsn1(cert)),
  };
}

/** The configured PKCS#12, or — for the demo — one generated on first start and kept in `file`. */
export async function loadOrCreateSigningIdentity(file: string, passphrase: string, subject: CertificateSubject): Promise<SigningIdentity> {
  let p12: Buffer;
  try {
    p12 = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    p12 = createDemoCertificate(subject, passphrase);
    await mkdir(dirname(file), { recursive: true });
    // 'wx': two processes starting together keep the first file written.
    await writeFile(file, p12, { mode: 0o600, flag: 'wx' }).catch(async (writeError: NodeJS.ErrnoException) => {
      if (writeError.code !== 'EEXIST') throw writeError;
      p12 = await readFile(file);
    });
  }
  return identityFromPkcs12(p12, passphrase);
}
