/**
 * Webhooks a partner's admins set, rotate and test themselves, stored per tenant.
 */
@NullMarked
package io.github.bffsuite.partner.webhook;

import org.jspecify.annotations.NullMarked;
