/**
 * Signing in. Local mode: {@code /login} mints a development token for any user and roles (through the local stack's
 * minter, which only this machine reaches) and the page keeps it in localStorage under {@code reviewflow.token}.
 */
@NullMarked
package dev.reviewflow.web.signin;

import org.jspecify.annotations.NullMarked;
