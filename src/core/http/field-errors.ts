import { ProblemException, type FieldError } from './problem';

/** Collects the errors of a request by field path, several messages per field. */
export class FieldErrors {
  private readonly byField = new Map<string, string[]>();

  add(field: string, message: string): void {
    const messages = this.byField.get(field);
    if (messages) messages.push(message);
    else this.byField.set(field, [message]);
  }

  get list(): FieldError[] {
    return [...this.byField].map(([field, messages]) => ({ field, messages }));
  }

  /** 400 listing every bad field, if there is one. */
  throwIfAny(): void {
    if (this.byField.size > 0) throw ProblemException.invalid(this.list);
  }
}
