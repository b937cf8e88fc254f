import { InputError } from './input-error.ts';
import { MAX_PROFILE_NAME_LENGTH } from './limits.ts';
import { parseIsoDate } from './age.ts';

export interface ProfileInput {
  name: string;
  /** `YYYY-MM-DD` or null. */
  birthDate: string | null;
  avatarColor?: string;
}

/** Trims and checks a baby's name, throwing InputError with the reason. */
export function cleanProfileName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new InputError('Please enter a name.');
  if (trimmed.length > MAX_PROFILE_NAME_LENGTH) {
    throw new InputError(`Please keep the name under ${MAX_PROFILE_NAME_LENGTH} characters.`);
  }
  return trimmed;
}

/** Checks a birth date: a real calendar date, not after today. */
export function cleanBirthDate(birthDate: string | null, todayIso: string): string | null {
  if (birthDate === null || birthDate === '') return null;
  if (parseIsoDate(birthDate) === null) throw new InputError('The birth date is not a valid date.');
  if (birthDate > todayIso) throw new InputError('The birth date cannot be in the future.');
  return birthDate;
}

/**
 * The checked name and birth date of a new, edited or restored baby (the one rule for all three);
 * throws InputError with the reason.
 */
export function cleanProfileInput(input: ProfileInput, todayIso: string): { name: string; birthDate: string | null } {
  return { name: cleanProfileName(input.name), birthDate: cleanBirthDate(input.birthDate, todayIso) };
}
