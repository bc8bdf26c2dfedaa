/** The message of anything thrown, `Error` or not. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}

/** Problems with the inputs, one line each naming the input: thrown where found, before anything is sent. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'InputError'
  }

  /** Throws the problems, if there are any. */
  static throwIfAny(problems: string[]): void {
    if (problems.length > 0) throw new InputError(problems)
  }
}

/** The purge failed (and `fail-on-error` is on): thrown once the outputs and the summary are written. */
export class PurgeFailed extends Error {
  override name = 'PurgeFailed'
}
