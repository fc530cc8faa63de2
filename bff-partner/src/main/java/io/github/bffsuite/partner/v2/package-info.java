/**
 * Version 2 of the partner API: money as amount and currency, RFC 3339 timestamps.
 */
@NullMarked
package io.github.bffsuite.partner.v2;

import org.jspecify.annotations.NullMarked;
