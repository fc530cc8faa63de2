package io.github.bffsuite.mobile.screen.home;

/**
 * Counts the app shows as badges.
 *
 * @param activeOrders orders still on their way: pending, paid or shipped
 */
public record Badges(int activeOrders) {

}
