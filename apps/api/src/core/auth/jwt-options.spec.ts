import { JwtService } from '@nestjs/jwt';
import { KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { jwtModuleOptions } from './jwt-options';

const SECRET = 'test-secret-that-is-long-enough-0123456789';

describe('jwtModuleOptions', () => {
  it('gives the secret as a KeyObject, so that verifying never tries to parse it as a public key', () => {
    expect(jwtModuleOptions(SECRET).secret).toBeInstanceOf(KeyObject);
  });

  it('signs and verifies the same tokens as the plain string secret (no token is invalidated)', async () => {
    const service = new JwtService(jwtModuleOptions(SECRET));
    const fromString = jwt.sign({ sub: 'u1', role: 'admin' }, SECRET, { algorithm: 'HS256', issuer: 'tremplin', expiresIn: 60 });
    expect(await service.verifyAsync<{ sub: string }>(fromString)).toMatchObject({ sub: 'u1', role: 'admin', iss: 'tremplin' });
    const signed = await service.signAsync({ sub: 'u2', role: 'finance' }, { expiresIn: 60 });
    expect(jwt.verify(signed, SECRET, { algorithms: ['HS256'], issuer: 'tremplin' })).toMatchObject({ sub: 'u2', role: 'finance' });
  });

  it('refuses a token signed with another secret or without the issuer', async () => {
    const service = new JwtService(jwtModuleOptions(SECRET));
    await expect(service.verifyAsync(jwt.sign({ sub: 'u1' }, `${SECRET}-other`, { algorithm: 'HS256', issuer: 'tremplin' }))).rejects.toThrow(/signature/);
    await expect(service.verifyAsync(jwt.sign({ sub: 'u1' }, SECRET, { algorithm: 'HS256' }))).rejects.toThrow(/issuer/);
  });
});
