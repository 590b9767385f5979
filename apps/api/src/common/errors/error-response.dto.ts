import { ApiProperty } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email', description: 'the request field, dotted for nested fields' })
  field: string;

  @ApiProperty({ example: 'Email must be an email address, e.g. amy.chen@clinic.example', description: 'what to change, naming the field as a form labels it' })
  message: string;
}

/** The error body of every route (see `HttpErrorFilter`), for `@ApiResponse({ type: ErrorResponseDto })`. */
export class ErrorResponseDto {
  @ApiProperty({ example: 401 })
  statusCode: number;

  @ApiProperty({ example: 'Unauthorized', description: 'the HTTP reason phrase' })
  error: string;

  @ApiProperty({ example: 'Email or password is incorrect', description: 'fit to show to a person; never PHI or secrets' })
  message: string;

  @ApiProperty({ type: [FieldErrorDto], description: 'one entry per invalid field (400); empty otherwise' })
  errors: FieldErrorDto[];
}
