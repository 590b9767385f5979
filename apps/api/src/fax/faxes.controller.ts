import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  PayloadTooLargeException,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { catchError, type Observable } from 'rxjs';
import { Audit } from '../audit/audit.decorator.js';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { mapPage } from '../common/pagination/cursor.js';
import { FAX_MAX_BYTES } from './fax-content.js';
import { FaxTooLargeError } from './fax-errors.js';
import { FaxInboxService } from './fax-inbox.service.js';
import { FaxIntakeService, type UploadedFax } from './fax-intake.service.js';
import { FaxDocumentDto, FaxListDto, FaxStatusCountsDto, ListFaxesQueryDto, RejectFaxDto, VerifyFaxDto, toFaxDocumentDto, toFaxSummaryDto } from './dto/fax.dto.js';

/** Multer's "File too large" in plain words (and the 20 MB limit named). */
class FaxUploadErrors implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw error instanceof PayloadTooLargeException ? new FaxTooLargeError(FAX_MAX_BYTES) : error;
      }),
    );
  }
}

@ApiTags('faxes')
@Controller('clinics/:clinicId/faxes')
export class FaxesController {
  constructor(
    private readonly intake: FaxIntakeService,
    private readonly inbox: FaxInboxService,
  ) {}

  @Post()
  @ClinicAccess()
  @Audit('fax.upload')
  @UseInterceptors(FaxUploadErrors, FileInterceptor('file', { limits: { fileSize: FAX_MAX_BYTES, files: 1 } }))
  @ApiOperation({
    summary: 'Upload a fax document',
    description:
      'A PDF or TIFF file (recognised by its content, not its name or declared type), at most 20 MB, in the multipart field `file`. ' +
      'It is stored encrypted and read in the background (status `pending` → `processing` → …). The same file uploaded again to the same clinic answers 200 with the document already there.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'PDF or TIFF, at most 20 MB' } } } })
  @ApiCreatedResponse({ type: FaxDocumentDto, description: 'Stored and queued for reading' })
  @ApiOkResponse({ type: FaxDocumentDto, description: 'The same file was already uploaded: the existing document' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'No file in the field `file`' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Larger than 20 MB' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponseDto, description: 'Not a PDF or TIFF file' })
  async upload(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @UploadedFile() file: UploadedFax | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FaxDocumentDto> {
    const { document, created } = await this.intake.upload(user, clinicId, file);
    response.status(created ? 201 : 200);
    return toFaxDocumentDto(this.inbox.view(document), null);
  }

  @Get()
  @ClinicAccess()
  @ApiOperation({ summary: 'List fax documents', description: 'Newest first, optionally of one status; no patient details (open a document for those).' })
  @ApiOkResponse({ type: FaxListDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid status, limit or cursor' })
  async list(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Query() query: ListFaxesQueryDto): Promise<FaxListDto> {
    return mapPage(await this.inbox.list(user, clinicId, query), toFaxSummaryDto);
  }

  @Get('counts')
  @ClinicAccess()
  @ApiOperation({ summary: 'Fax documents per status', description: 'How many documents the clinic has in each status (the inbox tabs).' })
  @ApiOkResponse({ type: FaxStatusCountsDto })
  async counts(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<FaxStatusCountsDto> {
    return { counts: await this.inbox.counts(user, clinicId) };
  }

  @Get(':faxId')
  @ClinicAccess()
  @ApiOperation({ summary: 'Get a fax document', description: 'The document with its extracted fields, its match and the candidate charts. PHI: every view is audited.' })
  @ApiOkResponse({ type: FaxDocumentDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such document in this clinic' })
  async get(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string, @Param('faxId', ParseUUIDPipe) faxId: string): Promise<FaxDocumentDto> {
    const view = await this.inbox.get(user, clinicId, faxId);
    return toFaxDocumentDto(view, this.inbox.rejectReason(view.document));
  }

  @Get(':faxId/file')
  @ClinicAccess()
  @ApiOperation({ summary: 'Download the original document', description: 'The PDF or TIFF as it was received. Every download is audited.' })
  @ApiProduces('application/pdf', 'image/tiff')
  @ApiOkResponse({ description: 'The original file', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } }, 'image/tiff': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such document in this clinic' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The document is still being received' })
  async file(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('faxId', ParseUUIDPipe) faxId: string,
    @Res() response: Response,
  ): Promise<void> {
    const { bytes, mimeType, filename } = await this.inbox.file(user, clinicId, faxId);
    response.status(200).set({ 'content-type': mimeType, 'content-disposition': `inline; filename="${filename}"`, 'cache-control': 'no-store' }).send(bytes);
  }

  @Get(':faxId/pages/:n')
  @ClinicAccess()
  @ApiOperation({ summary: 'One page as an image', description: 'Page `n` (from 1) rendered as a PNG on the server. Every view is audited.' })
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'The page as PNG', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'No such page' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such document in this clinic' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The document is still being received' })
  async page(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('faxId', ParseUUIDPipe) faxId: string,
    @Param('n', ParseIntPipe) n: number,
    @Res() response: Response,
  ): Promise<void> {
    const png = await this.inbox.page(user, clinicId, faxId, n);
    response.status(200).set({ 'content-type': 'image/png', 'cache-control': 'no-store' }).send(png);
  }

  @Post(':faxId/verify')
  @HttpCode(200)
  @ClinicAccess()
  @Audit('fax.verify')
  @ApiOperation({ summary: 'Verify the patient', description: 'Confirms the chart the document belongs to: the suggested one, or another (a correction). Stamps who and when.' })
  @ApiOkResponse({ type: FaxDocumentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Not a demographic number, or no such chart in the EMR' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such document in this clinic' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The document is still being read, or archived' })
  async verify(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('faxId', ParseUUIDPipe) faxId: string,
    @Body() body: VerifyFaxDto,
  ): Promise<FaxDocumentDto> {
    return toFaxDocumentDto(await this.inbox.verify(user, clinicId, faxId, body.demographicId), null);
  }

  @Post(':faxId/reject')
  @HttpCode(200)
  @ClinicAccess()
  @Audit('fax.reject')
  @ApiOperation({ summary: 'Reject the document', description: 'Not for this clinic, unreadable, a duplicate…: the document is archived with the reason.' })
  @ApiOkResponse({ type: FaxDocumentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'No reason given' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such document in this clinic' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Still being read, or already archived' })
  async reject(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Param('faxId', ParseUUIDPipe) faxId: string,
    @Body() body: RejectFaxDto,
  ): Promise<FaxDocumentDto> {
    const view = await this.inbox.reject(user, clinicId, faxId, body.reason);
    return toFaxDocumentDto(view, this.inbox.rejectReason(view.document));
  }
}
