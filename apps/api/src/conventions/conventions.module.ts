import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { LocalDiskStorage, StorageService } from '../documents/storage.service';
import { DocumentUploadMulter, UploadErrorsInterceptor } from '../documents/upload';
import { ConventionSigning } from './convention-signing';
import { ConventionsController } from './conventions.controller';
import { ConventionsService } from './conventions.service';

/** Conventions (issue #8 §1, §2, §5): drafts, signatures (PAdES), commitments, amendments, installments' creation, report approval. */
@Module({
  imports: [DocumentUploadMulter],
  controllers: [ConventionsController],
  providers: [
    ConventionsService,
    ConventionSigning,
    UploadErrorsInterceptor,
    // The same local folder as application documents (DocumentsModule keeps its provider private).
    { provide: StorageService, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskStorage(config.storageDir, config.webDistDir) },
  ],
  exports: [ConventionsService],
})
export class ConventionsModule {}
