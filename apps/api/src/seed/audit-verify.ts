import type { DataSource } from 'typeorm';
import type { AuditVerification } from '@tremplin/contracts';
import { AuditService } from '../core/audit/audit.service';

export function verifyAuditChain(dataSource: DataSource): Promise<AuditVerification> {
  return new AuditService(dataSource).verify();
}
