import {
  type OperationDef, type ServiceDef, many, opt, req, returnsMany, returnsOne, returnsRequired,
} from './model.js';

/** Operation lists and parameter names as the live OSCAR WSDLs declare them. */
const op = (name: string, params: OperationDef['params'], returns?: OperationDef['returns'],
  faults?: string[]): OperationDef => ({ name, params, returns, faults });

const appt = 'tns:appointmentTransfer' as const;
const demo = 'tns:demographicTransfer' as const;
const provider = 'tns:providerTransfer' as const;

export const loginService: ServiceDef = {
  path: 'LoginService',
  className: 'LoginWs',
  secured: false,
  operations: [
    op('login', [opt('arg0', 'string'), opt('arg1', 'string')], returnsOne('tns:loginResultTransfer'),
      ['NotAuthorisedException']),
    op('login2', [opt('arg0', 'string'), opt('arg1', 'string')], returnsOne('tns:loginResultTransfer2'),
      ['NotAuthorisedException']),
  ],
};

export const systemInfoService: ServiceDef = {
  path: 'SystemInfoService',
  className: 'SystemInfoWs',
  secured: false,
  operations: [
    op('getMaxListReturnSize', [], returnsRequired('int')),
    op('getServerTime', [], returnsOne('dateTime')),
    op('helloWorld', [], returnsOne('string')),
    op('getServerTimeGmtOffset', [], returnsRequired('int')),
    op('isAlive', [], returnsOne('string')),
  ],
};

export const providerService: ServiceDef = {
  path: 'ProviderService',
  className: 'ProviderWs',
  secured: true,
  operations: [
    op('getProviders2', [opt('arg0', 'boolean')], returnsMany(provider)),
    op('getProviders', [req('arg0', 'boolean')], returnsMany(provider)),
    op('getLoggedInProviderTransfer', [], returnsOne(provider)),
    op('getProviderProperties', [opt('arg0', 'string'), opt('arg1', 'string')],
      returnsMany('tns:providerPropertyTransfer')),
  ],
};

export const demographicService: ServiceDef = {
  path: 'DemographicService',
  className: 'DemographicWs',
  secured: true,
  operations: [
    op('isPhrVerifiedToSendMessages', [opt('arg0', 'int')], returnsRequired('boolean')),
    op('writePHRId', [opt('demographicNo', 'int'), opt('phrId', 'string')], returnsOne('string')),
    op('getLatestPhrVerificationByDemographic', [opt('arg0', 'int')], returnsOne('tns:phrVerificationTransfer')),
    op('isPhrVerifiedToSendMedicalData', [opt('arg0', 'int')], returnsRequired('boolean')),
    op('getConsentedDemographicIdsAfter', [opt('lastUpdate', 'dateTime')], returnsMany('int')),
    op('getActiveDemographicsAfter2', [opt('lastUpdate', 'dateTime'), opt('fields', 'string')],
      returnsMany('tns:demographicTransfer2')),
    op('getAdmittedDemographicIdsByProgramProvider', [opt('arg0', 'int'), opt('arg1', 'string')], returnsMany('int')),
    op('getDemographic', [opt('arg0', 'int')], returnsOne(demo)),
    op('getDemographicIdsWithMyOscarAccounts', [opt('startDemographicIdExclusive', 'int'), req('itemsToReturn', 'int')],
      returnsMany('int')),
    op('getActiveDemographicsAfter', [opt('lastUpdate', 'dateTime'), opt('fields', 'string')], returnsMany(demo)),
    op('searchDemographicByName', [opt('arg0', 'string'), req('arg1', 'int'), req('arg2', 'int')], returnsMany(demo)),
    op('getDemographicByMyOscarUserName', [opt('arg0', 'string')], returnsOne(demo)),
    op('getDemographics', [many('arg0', 'int')], returnsMany(demo)),
    op('getDemographic2', [opt('arg0', 'int')], returnsOne('tns:demographicTransfer2')),
    op('searchDemographicsByAttributes', [
      opt('arg0', 'string'), opt('arg1', 'string'), opt('arg2', 'string'), opt('arg3', 'tns:gender'),
      opt('arg4', 'dateTime'), opt('arg5', 'string'), opt('arg6', 'string'), opt('arg7', 'string'),
      opt('arg8', 'string'), opt('arg9', 'string'), req('arg10', 'int'), req('arg11', 'int'),
    ], returnsMany(demo)),
  ],
};

export const scheduleService: ServiceDef = {
  path: 'ScheduleService',
  className: 'ScheduleWs',
  secured: true,
  operations: [
    op('getAllDemographicIdByProgramProvider', [opt('arg0', 'int'), opt('arg1', 'string')], returnsMany('int')),
    op('getAppointmentsForProvider', [opt('arg0', 'string'), opt('arg1', 'dateTime')], returnsMany(appt)),
    op('getAppointmentsByDemographicIdAfter', [
      opt('lastUpdate', 'dateTime'), opt('demographicId', 'int'), req('useGMTTime', 'boolean'),
    ], returnsMany(appt)),
    op('getAppointmentsForPatient2', [opt('arg0', 'int'), req('arg1', 'int'), req('arg2', 'int'), req('arg3', 'boolean')],
      returnsMany(appt)),
    op('getAppointmentsForProvider2', [opt('arg0', 'string'), opt('arg1', 'dateTime'), req('arg2', 'boolean')],
      returnsMany(appt)),
    op('getAppointmentTypes', [], returnsMany('tns:appointmentTypeTransfer')),
    op('getScheduleTemplateCodes', [], returnsMany('tns:scheduleTemplateCodeTransfer')),
    op('getAppointmentArchivesUpdatedAfterDate', [opt('arg0', 'dateTime'), req('arg1', 'int'), req('arg2', 'boolean')],
      returnsMany('tns:appointmentArchiveTransfer')),
    op('getAppointmentsForDateRangeAndProvider', [opt('arg0', 'dateTime'), opt('arg1', 'dateTime'), opt('arg2', 'string')],
      returnsMany(appt)),
    op('updateAppointment', [opt('arg0', appt)]),
    op('getDayWorkSchedule', [opt('arg0', 'string'), opt('arg1', 'dateTime')], returnsOne('tns:dayWorkScheduleTransfer')),
    op('testTimeZone_1492_05_12_18_26_32', [req('arg0', 'boolean')], returnsOne('dateTime')),
    op('getAppointmentsByProgramProviderDemographicDate', [
      opt('arg0', 'int'), opt('arg1', 'string'), opt('arg2', 'int'), opt('arg3', 'dateTime'), req('arg4', 'int'),
      req('arg5', 'boolean'),
    ], returnsMany(appt)),
    op('addAppointment', [opt('arg0', appt)], returnsOne('int')),
    op('getAppointment2', [opt('arg0', 'int'), req('arg1', 'boolean')], returnsOne(appt)),
    op('getAppointmentsForPatient', [opt('arg0', 'int'), req('arg1', 'int'), req('arg2', 'int')], returnsMany(appt)),
    op('getAppointment', [opt('arg0', 'int')], returnsOne(appt)),
    op('getAppointmentsForDateRangeAndProvider2', [
      opt('arg0', 'dateTime'), opt('arg1', 'dateTime'), opt('arg2', 'string'), req('arg3', 'boolean'),
    ], returnsMany(appt)),
    op('getAppointmentsUpdatedAfterDate', [opt('arg0', 'dateTime'), req('arg1', 'int'), req('arg2', 'boolean')],
      returnsMany(appt)),
  ],
};

export const allServices: readonly ServiceDef[] = [
  loginService, systemInfoService, scheduleService, demographicService, providerService,
];

export function findService(path: string): ServiceDef | undefined {
  return allServices.find((s) => s.path === path);
}

export function findOperation(service: ServiceDef, name: string): OperationDef | undefined {
  return service.operations.find((o) => o.name === name);
}
