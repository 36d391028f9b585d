export { ApiError, type Client, type ClientOptions, createClient, isApiError } from './client.ts'
export type {
  ApiResponse,
  components,
  HttpMethod,
  Operation,
  PathsWith,
  Problem,
  paths,
  RequestOptions,
  SuccessBody,
} from './types.ts'
