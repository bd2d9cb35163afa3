package io.eventhorizon.sample;

/**
 * A transfer as the API shows it. Immutable.
 *
 * @param id the transfer's id
 * @param from the account debited
 * @param to the account to credit
 * @param amount the amount in cents
 * @param status {@code pending} until the target is credited ({@code completed}) or the
 * source is refunded ({@code refunded})
 */
public record Transfer(String id, String from, String to, long amount, String status) {

}
