/**
 * sysops: system operations (files, processes, network) run by supervised actors behind a deny-by-default
 * {@link io.otp4j.sysops.Policy}, every request audited. Start with {@link io.otp4j.sysops.SysOps}; the
 * operations are the records of {@link io.otp4j.sysops.FileOperation}, {@link io.otp4j.sysops.ProcessOperation}
 * and {@link io.otp4j.sysops.NetworkOperation}; the answers are {@link io.otp4j.sysops.Result}s.
 */
package io.otp4j.sysops;
