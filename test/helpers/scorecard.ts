/**
 * OpenSSF Scorecard's Security-Policy content probes, as the product ports them (src/audit/checks/
 * security-policy.ts, which cites the Scorecard files); test/audit.test.ts checks the port's scores.
 */
export { policyContent as scoreSecurityPolicy, type PolicyContent as SecurityPolicyScore } from '../../src/audit/checks/security-policy.js';
