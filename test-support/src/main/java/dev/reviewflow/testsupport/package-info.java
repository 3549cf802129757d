/**
 * Real infrastructure for tests: one Kafka broker and one PostgreSQL server per test JVM, shared by every test class
 * and every application context in it.
 */
@NullMarked
package dev.reviewflow.testsupport;

import org.jspecify.annotations.NullMarked;
