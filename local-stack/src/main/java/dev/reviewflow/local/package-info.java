/** The one-command local stack: broker, database, the three services, demo data and a landing page. */
@NullMarked
package dev.reviewflow.local;

import org.jspecify.annotations.NullMarked;
