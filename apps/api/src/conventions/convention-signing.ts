import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { loadOrCreateSigningIdentity, signPdf, type SignatureMeta, type SigningIdentity } from './pdf-signature';

/**
 * The Département's signing identity, read once per process: the configured PKCS#12
 * (SIGNING_P12_PATH + SIGNING_P12_PASSPHRASE) or, for the demo, a self-signed one generated on first
 * use under the data dir and then reused by every instance.
 */
@Injectable()
export class ConventionSigning {
  private identity: Promise<SigningIdentity> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private load(): Promise<SigningIdentity> {
    if (!this.identity) {
      const { p12Path, passphrase } = this.config.signing;
      this.identity = loadOrCreateSigningIdentity(p12Path, passphrase, {
        // Latin-1 only: forge writes the PKCS#12 friendly name (this CN) in a way it cannot read back beyond it.
        commonName: 'Signature des conventions du Département (démo)',
        organization: 'Tremplin démo',
      });
      // A failed read (wrong passphrase, missing file) is retried by the next signature, not cached.
      this.identity.catch(() => (this.identity = null));
    }
    return this.identity;
  }

  async sign(pdf: Buffer, meta: SignatureMeta): Promise<Buffer> {
    return signPdf(pdf, await this.load(), meta);
  }
}
