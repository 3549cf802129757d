/** The one-command local stack: broker, database, the three services, demo data, the pages and the development token minter. */
@NullMarked
package dev.reviewflow.local;

import org.jspecify.annotations.NullMarked;
