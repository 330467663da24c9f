import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { LocalDiskStorage, StorageService } from './storage.service';
import { DocumentUploadInterceptor } from './upload';

@Module({
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    DocumentUploadInterceptor,
    // Local folder by default; another StorageService (object storage) can replace it here.
    { provide: StorageService, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalDiskStorage(config.storageDir, config.webDistDir) },
  ],
  exports: [DocumentsService],
})
export class DocumentsModule {}
