package dev.fapiao.chaincode.model;

/** Actions of {@code transition}. */
public enum TransitionAction {
    DELIVER, ACCEPT, RED_REVERSE, LEGAL_HOLD_ON, LEGAL_HOLD_OFF, DISPOSE
}
