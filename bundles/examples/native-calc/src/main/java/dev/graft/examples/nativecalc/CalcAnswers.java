package dev.graft.examples.nativecalc;

import dev.graft.api.FailureCode;
import dev.graft.api.nativebridge.NativeException;
import dev.graft.api.route.RouteRequest;
import dev.graft.api.route.RouteResponse;
import java.io.IOException;
import java.util.function.IntBinaryOperator;

/** The example's answers: a native failure as its code's status and JSON body; a bad number as 400. */
final class CalcAnswers {

    private CalcAnswers() {}

    /** @return the query parameter as an int, or null after answering 400 */
    static Integer number(RouteRequest request, RouteResponse response, String name) throws IOException {
        String value = request.queryParameter(name).orElse(null);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            response.status(400).json(FailureCode.E_BAD_REQUEST.errorBody("query parameter " + name + " must be a whole number,"
                    + " e.g. /calc/add?a=2&b=3; got " + (value == null ? "none" : "'" + value + "'")));
            return null;
        }
    }

    /**
     * Answers {@code GET …?a=&b=} with a function of the library: the result and the library's
     * version, e.g. {@code 5 (libcalc 1)}; 400 for a bad number, the failure code's status for a native failure.
     */
    static void binary(RouteRequest request, RouteResponse response, Calc calc, IntBinaryOperator function)
            throws IOException {
        Integer a = number(request, response, "a");
        Integer b = a == null ? null : number(request, response, "b");
        if (b == null) {
            return;
        }
        try {
            int result = function.applyAsInt(a, b);
            response.text(result + " (" + calc.calc_version() + ")");
        } catch (NativeException e) {
            failed(response, e);
        }
    }

    static void failed(RouteResponse response, NativeException e) throws IOException {
        int status = e.code().status() == 0 ? 500 : e.code().status();
        response.status(status).json(e.code().errorBody(e.getMessage()));
    }
}
