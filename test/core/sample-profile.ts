import { IProfile, withDefaults } from '../../src/core/profile';

/** A complete, valid profile for an NLB in front of Livy and the KDC. */
export function sampleProfile(overrides: Partial<IProfile> = {}): IProfile {
  return withDefaults({
    name: 'emr',
    realm: 'EC2.INTERNAL',
    kdcs: ['livy-nlb.example.test:88'],
    livyUrl: 'https://livy-nlb.example.test:8998',
    clusterDomain: 'ec2.internal',
    principal: 'user1',
    ...overrides
  });
}
