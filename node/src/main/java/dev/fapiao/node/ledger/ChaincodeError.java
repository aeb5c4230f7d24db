package dev.fapiao.node.ledger;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * The chaincode's own error, recovered from a Gateway error's per-peer details: its
 * stable code (docs/ledger-model.md), its message, and for batches the item it names.
 * All these codes are final: retrying the same input cannot change the answer.
 *
 * @param item the batch index from "item N", or -1
 */
public record ChaincodeError(String code, String message, int item) {

    private static final Pattern CODE = Pattern.compile(
            "\\b(INVALID_ARGUMENT|NOT_FOUND|CONFLICT|FORBIDDEN|INVALID_SIGNATURE|ILLEGAL_TRANSITION): .*",
            Pattern.DOTALL);
    private static final Pattern ITEM = Pattern.compile("\\bitem (\\d+)\\b");

    public static ChaincodeError of(GatewayException e) {
        for (ErrorDetail d : e.getDetails()) {
            ChaincodeError err = parse(d.getMessage());
            if (err != null) {
                return err;
            }
        }
        return parse(e.getMessage());
    }

    static ChaincodeError parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = CODE.matcher(text);
        if (!m.find()) {
            return null;
        }
        String message = m.group().strip();
        Matcher item = ITEM.matcher(message);
        return new ChaincodeError(m.group(1), message, item.find() ? Integer.parseInt(item.group(1)) : -1);
    }
}
