import { ProblemException, type FieldError } from '../../core/http/problem';

/** Collects the errors of a request, one entry per field with all of its messages. */
export class FieldErrors {
  private readonly byField = new Map<string, string[]>();

  add(field: string, message: string): void {
    const messages = this.byField.get(field);
    if (messages) messages.push(message);
    else this.byField.set(field, [message]);
  }

  /** 400 listing every bad field, if there is one. */
  throwIfAny(): void {
    if (this.byField.size === 0) return;
    const errors: FieldError[] = [...this.byField].map(([field, messages]) => ({
      field,
      messages,
    }));
    throw ProblemException.invalid(errors);
  }
}
