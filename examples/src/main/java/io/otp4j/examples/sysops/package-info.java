/**
 * The sysops examples: file processing under a policy that allows only the inbox and the outbox
 * ({@link io.otp4j.examples.sysops.SecureFileProcessing}), and an ops agent running allowed commands on
 * request ({@link io.otp4j.examples.sysops.OpsAgent}).
 */
package io.otp4j.examples.sysops;
