import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { HealthView } from '@tremplin/contracts';
import { Public } from '../core/auth/access.decorators';

export const APP_VERSION = process.env['npm_package_version'] ?? '0.1.0';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 200 when PostgreSQL answers within 2 s, 503 otherwise (for load balancers and orchestrators). */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthView> {
    const database = await this.ping();
    res.status(database === 'up' ? 200 : 503);
    res.header('Cache-Control', 'no-store');
    return { status: database === 'up' ? 'ok' : 'degraded', database, version: APP_VERSION, time: new Date().toISOString() };
  }

  private async ping(): Promise<'up' | 'down'> {
    if (!this.dataSource.isInitialized) return 'down';
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
