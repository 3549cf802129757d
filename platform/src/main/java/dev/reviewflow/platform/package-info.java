/**
 * What every reviewflow service needs alike, wired by Spring Boot auto-configuration: JWT authentication and
 * authorization rules, problem+json errors, the CloudEvents outbox, dead-letter handling and topic declarations.
 */
@NullMarked
package dev.reviewflow.platform;

import org.jspecify.annotations.NullMarked;
