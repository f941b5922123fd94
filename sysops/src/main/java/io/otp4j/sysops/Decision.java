package io.otp4j.sysops;

/** What the policy said about one check: the grant that allowed it, or what is missing. */
sealed interface Decision permits Decision.Allowed, Decision.Refused {

    /** @param grant the grant that allowed it */
    record Allowed(Grant grant) implements Decision {}

    /**
     * @param missingPermission the permission that would have allowed it
     * @param reason why it is refused
     */
    record Refused(String missingPermission, String reason) implements Decision {}
}
