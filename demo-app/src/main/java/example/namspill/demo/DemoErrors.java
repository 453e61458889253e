package example.namspill.demo;

import io.namspill.switching.NamespaceSwitchException;
import io.namspill.switching.PoisonedThreadError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Failed namespace operations answer with a problem detail that explains them, never a stack trace. */
@RestControllerAdvice
class DemoErrors {

    private static final int EPERM = 1;

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NamespaceOperationException.class)
    ProblemDetail rawCallFailed(NamespaceOperationException e) {
        return problem(e.errno(), e.getMessage());
    }

    @ExceptionHandler(NamespaceSwitchException.class)
    ProblemDetail switchFailed(NamespaceSwitchException e) {
        return problem(e.errno(), e.getMessage());
    }

    /**
     * The request thread entered the other namespace but could not return (inside a user
     * namespace, the host's namespaces are out of reach). Tomcat keeps its worker threads
     * whatever happens, so this one stays poisoned: namspill reports it as leaked and the
     * liveness probe restarts the application, which is the backstop working as designed.
     */
    @ExceptionHandler(PoisonedThreadError.class)
    ProblemDetail poisoned(PoisonedThreadError e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
        problem.setTitle("The request thread could not be switched back and is reported as leaked");
        return problem;
    }

    private static ProblemDetail problem(int errno, String message) {
        HttpStatus status = errno == EPERM ? HttpStatus.FORBIDDEN : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setTitle(errno == EPERM ? "Not permitted: this JVM lacks CAP_SYS_ADMIN" : "Namespace operation failed");
        return problem;
    }
}
