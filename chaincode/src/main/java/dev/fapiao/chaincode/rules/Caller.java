package dev.fapiao.chaincode.rules;

import dev.fapiao.chaincode.model.Actor;

/** The transaction creator: MSP id, certificate subject DN, and whether it is an operator (OU admin). */
public record Caller(String mspId, String subject, boolean operator) {

    public Actor actor() {
        return new Actor(mspId, subject);
    }

    public String describe() {
        return (operator ? "admin" : "non-admin") + " identity of " + mspId;
    }
}
