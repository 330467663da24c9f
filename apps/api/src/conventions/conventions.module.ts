import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { LocalDiskStorage, StorageService } from '../documents/storage.service';
import { DocumentUploadInterceptor } from '../documents/upload';
import { ConventionSigning } from './convention-signing';
import { ConventionsController } from './conventions.controller';
import { ConventionsService } from './conventions.service';

/** Conventions (issue #8 §1, §2, §5): drafts, signatures (PAdES), commitments, amendments, installments' creation, report approval. */
@Module({
  controllers: [ConventionsController],
  providers: [
    ConventionsService,
    ConventionSigning,
    DocumentUploadInterceptor,
    // The same local folder as application documents (DocumentsModule keeps its provider private).
    { provide: StorageService, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskStorage(config.storageDir, config.webDistDir) },
  ],
  exports: [ConventionsService],
})
export class ConventionsModule {}
