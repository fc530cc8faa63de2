/**
 * Quota usage of partners: the usage endpoint and quota event webhooks.
 */
@NullMarked
package io.github.bffsuite.partner.usage;

import org.jspecify.annotations.NullMarked;
