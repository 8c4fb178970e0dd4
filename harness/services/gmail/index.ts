/** Gmail API v1: the service's record collections and its operation table. */
import { defineService } from '../../core/index.ts';
import { GMAIL_COLLECTIONS } from './model.ts';
import { attachmentsGet, messagesGet, messagesList } from './ops/messages-read.ts';
import {
  messagesBatchDelete, messagesBatchModify, messagesDelete, messagesImport, messagesInsert, messagesModify,
  messagesSend, messagesTrash, messagesUntrash,
} from './ops/messages-write.ts';
import { threadsDelete, threadsGet, threadsList, threadsModify, threadsTrash, threadsUntrash } from './ops/threads.ts';
import { labelsCreate, labelsDelete, labelsGet, labelsList, labelsPatch, labelsUpdate } from './ops/labels.ts';
import { draftsCreate, draftsDelete, draftsGet, draftsList, draftsSend, draftsUpdate } from './ops/drafts.ts';
import { getProfile, historyList, stop, watch } from './ops/profile-history.ts';
import { settingsOps } from './ops/settings.ts';
import {
  filtersCreate, filtersDelete, filtersGet, filtersList, forwardingCreate, forwardingDelete, forwardingGet, forwardingList,
} from './ops/filters.ts';
import {
  delegatesCreate, delegatesDelete, delegatesGet, delegatesList, sendAsCreate, sendAsDelete, sendAsGet, sendAsList,
  sendAsPatch, sendAsUpdate, sendAsVerify,
} from './ops/send-as.ts';
import { smimeDelete, smimeGet, smimeInsert, smimeList, smimeSetDefault } from './ops/smime.ts';
import {
  identitiesCreate, identitiesDelete, identitiesGet, identitiesList, identitiesPatch, keyPairsCreate, keyPairsDisable,
  keyPairsEnable, keyPairsGet, keyPairsList, keyPairsObliterate,
} from './ops/cse.ts';

/** The gmail service. */
export const gmailService = defineService({
  id: 'gmail',
  title: 'Gmail API v1',
  style: 'google',
  basePath: '/gmail/v1',
  collections: GMAIL_COLLECTIONS,
  operations: [
    getProfile, watch, stop,
    messagesList, messagesGet, messagesSend, messagesInsert, messagesImport, messagesModify, messagesBatchModify,
    messagesBatchDelete, messagesTrash, messagesUntrash, messagesDelete, attachmentsGet,
    threadsList, threadsGet, threadsModify, threadsTrash, threadsUntrash, threadsDelete,
    labelsList, labelsGet, labelsCreate, labelsPatch, labelsUpdate, labelsDelete,
    draftsList, draftsGet, draftsCreate, draftsUpdate, draftsDelete, draftsSend,
    historyList,
    ...settingsOps,
    filtersList, filtersGet, filtersCreate, filtersDelete,
    forwardingList, forwardingGet, forwardingCreate, forwardingDelete,
    sendAsList, sendAsGet, sendAsCreate, sendAsPatch, sendAsUpdate, sendAsDelete, sendAsVerify,
    delegatesList, delegatesGet, delegatesCreate, delegatesDelete,
    smimeList, smimeGet, smimeInsert, smimeDelete, smimeSetDefault,
    keyPairsList, keyPairsGet, keyPairsCreate, keyPairsDisable, keyPairsEnable, keyPairsObliterate,
    identitiesList, identitiesGet, identitiesCreate, identitiesPatch, identitiesDelete,
  ],
});
