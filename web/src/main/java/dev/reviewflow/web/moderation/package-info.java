/**
 * The moderators' console: the queue by priority with its filters, a case in full with claim, release and decision,
 * the audit trail of a review, and the admins' policy editor. Every page asks moderation with the browser's token;
 * who may see or do what is moderation's answer (401, 403), shown in words.
 */
@NullMarked
package dev.reviewflow.web.moderation;

import org.jspecify.annotations.NullMarked;
