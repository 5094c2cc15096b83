<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Arabic Reader</source>
        <translation>القارئ العربي</translation>
    </message>
    <message>
        <source>The offline recognizer is a statistical model trained on ANERcorp (Benajiba, Rosso and Benedí Ruiz, CICLing 2007), in the version distributed with CAMeL Tools (Obeid et al., LREC 2020).

ANERcorp is licensed under CC BY-SA 4.0, and so is the model trained on it.</source>
        <translation>أداة التعرّف دون اتصال نموذجٌ إحصائي مدرَّب على مدوّنة ANERcorp (Benajiba وRosso وBenedí Ruiz، مؤتمر CICLing 2007)، بالنسخة الموزَّعة مع أدوات CAMeL Tools (Obeid وآخرون، مؤتمر LREC 2020).

مدوّنة ANERcorp مرخّصة بموجب رخصة CC BY-SA 4.0، وكذلك النموذج المدرَّب عليها.</translation>
    </message>
    <message>
        <source>BERT recognizer: {status}</source>
        <translation>أداة التعرّف BERT: {status}</translation>
    </message>
    <message>
        <source>About {name}</source>
        <translation>حول {name}</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>الإصدار {version}</translation>
    </message>
    <message>
        <source>Reads Arabic news and highlights people, places, organizations and figures.</source>
        <translation>يقرأ الأخبار العربية ويُبرز الأشخاص والأماكن والمنظمات والأرقام.</translation>
    </message>
    <message>
        <source>Recognizer in use: {name}</source>
        <translation>أداة التعرّف المستخدمة: {name}</translation>
    </message>
    <message>
        <source>No article analyzed yet.</source>
        <translation>لم يُحلَّل أي مقال بعد.</translation>
    </message>
    <message>
        <source>Model license: CC BY-SA 4.0</source>
        <translation>رخصة النموذج: CC BY-SA 4.0</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>حول Qt</translation>
    </message>
</context>
<context>
    <name>Corrections</name>
    <message>
        <source>Person</source>
        <translation>شخص</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>مكان</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>منظمة</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>رقم</translation>
    </message>
    <message>
        <source>Your corrections cannot be saved: {reason}</source>
        <extracomment>Seconds the last change took, from the request to the corrected analysis (for the UI bench).</extracomment>
        <translation>لا يمكن حفظ تصحيحاتك: {reason}</translation>
    </message>
    <message>
        <source>Mark “{text}” as {type}</source>
        <translation>تعليم «{text}»: {type}</translation>
    </message>
    <message>
        <source>Remove highlight</source>
        <translation>إزالة التمييز</translation>
    </message>
    <message>
        <source>Split off</source>
        <translation>فصل</translation>
    </message>
    <message>
        <source>Change type to {type}</source>
        <translation>تغيير النوع إلى: {type}</translation>
    </message>
    <message>
        <source>Rename to “{name}”</source>
        <translation>إعادة التسمية إلى «{name}»</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>دمج</translation>
    </message>
    <message>
        <source>Always tag “{text}” as {type}</source>
        <translation>تمييز «{text}» دائمًا: {type}</translation>
    </message>
    <message>
        <source>Never tag “{text}”</source>
        <translation>عدم تمييز «{text}» أبدًا</translation>
    </message>
    <message>
        <source>Mark as</source>
        <extracomment>Picks an entity to merge into: (parent, analysis, ids to leave out) → an id, or None if cancelled.</extracomment>
        <translation>تعليم بوصفه</translation>
    </message>
    <message>
        <source>Always Tag as</source>
        <translation>التمييز دائمًا بوصفه</translation>
    </message>
    <message>
        <source>Never Tag This</source>
        <translation>عدم تمييز هذا أبدًا</translation>
    </message>
    <message>
        <source>Change Type</source>
        <translation>تغيير النوع</translation>
    </message>
    <message>
        <source>Remove Highlight</source>
        <translation>إزالة التمييز</translation>
    </message>
    <message>
        <source>Not an Entity Anywhere</source>
        <translation>ليس كيانًا في أي مكان</translation>
    </message>
    <message>
        <source>Always a {type}</source>
        <translation>دائمًا: {type}</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>إعادة التسمية…</translation>
    </message>
    <message>
        <source>Merge With…</source>
        <translation>دمج مع…</translation>
    </message>
    <message>
        <source>Split Off</source>
        <translation>فصل عن الكيان</translation>
    </message>
    <message>
        <source>Merge Into</source>
        <translation>دمج في</translation>
    </message>
    <message>
        <source>Rename Entity</source>
        <translation>إعادة تسمية الكيان</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Merge With</source>
        <translation>دمج مع</translation>
    </message>
    <message>
        <source>Type to find an entity…</source>
        <translation>اكتب للبحث عن كيان…</translation>
    </message>
</context>
<context>
    <name>EntityPanel</name>
    <message>
        <source>Filter entities…</source>
        <translation>تصفية الكيانات…</translation>
    </message>
    <message>
        <source>Filter entities by name (Ctrl+Shift+F); diacritics and letter variants are ignored</source>
        <translation>تصفية الكيانات بالاسم (Ctrl+Shift+F)؛ يُتجاهل التشكيل واختلاف كتابة الحروف</translation>
    </message>
    <message>
        <source>By mentions</source>
        <translation>حسب عدد المواضع</translation>
    </message>
    <message>
        <source>By name</source>
        <translation>حسب الاسم</translation>
    </message>
    <message>
        <source>In text order</source>
        <translation>حسب الترتيب في النص</translation>
    </message>
    <message>
        <source>Sort entities</source>
        <translation>ترتيب الكيانات</translation>
    </message>
</context>
<context>
    <name>EntityTreeModel</name>
    <message numerus="yes">
        <source>%n entities</source>
        <translation>
            <numerusform>لا كيانات</numerusform>
            <numerusform>كيان واحد</numerusform>
            <numerusform>كيانان</numerusform>
            <numerusform>%n كيانات</numerusform>
            <numerusform>%n كيانًا</numerusform>
            <numerusform>%n كيان</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentions</source>
        <translation>
            <numerusform>%n مرة</numerusform>
            <numerusform>مرة واحدة</numerusform>
            <numerusform>مرتان</numerusform>
            <numerusform>%n مرات</numerusform>
            <numerusform>%n مرة</numerusform>
            <numerusform>%n مرة</numerusform>
        </translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>الكيان</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>مرات الذكر</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find:</source>
        <translation>بحث:</translation>
    </message>
    <message>
        <source>Word or name (diacritics and letter variants ignored)</source>
        <translation>كلمة أو اسم (يُتجاهل التشكيل واختلاف كتابة الحروف)</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>النتيجة السابقة (Shift+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>النتيجة التالية (F3)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>إغلاق (Esc)</translation>
    </message>
    <message>
        <source>no matches</source>
        <translation>لا نتائج</translation>
    </message>
</context>
<context>
    <name>LearnDialog</name>
    <message>
        <source>Improve the Model</source>
        <translation>تحسين النموذج</translation>
    </message>
    <message>
        <source>Training the offline model on its data and your corrected articles…</source>
        <translation>جارٍ تدريب النموذج المحلي على بياناته ومقالاتك المصححة…</translation>
    </message>
    <message>
        <source>Use the New Model</source>
        <translation>استخدام النموذج الجديد</translation>
    </message>
    <message>
        <source>Keep the Current Model</source>
        <translation>الإبقاء على النموذج الحالي</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message numerus="yes">
        <source>Learned from %n of your corrected sentences in {minutes} min {seconds} s.</source>
        <translation>
            <numerusform>تعلّم من %n جملة مصححة في {minutes} د {seconds} ث.</numerusform>
            <numerusform>تعلّم من جملة مصححة واحدة في {minutes} د {seconds} ث.</numerusform>
            <numerusform>تعلّم من جملتين مصححتين في {minutes} د {seconds} ث.</numerusform>
            <numerusform>تعلّم من %n جمل مصححة في {minutes} د {seconds} ث.</numerusform>
            <numerusform>تعلّم من %n جملة مصححة في {minutes} د {seconds} ث.</numerusform>
            <numerusform>تعلّم من %n جملة مصححة في {minutes} د {seconds} ث.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new model scores better.</source>
        <translation>النموذج الجديد أفضل نتيجة.</translation>
    </message>
    <message>
        <source>The new model does not score better.</source>
        <translation>النموذج الجديد ليس أفضل نتيجة.</translation>
    </message>
    <message>
        <source>Scores on {held_out} (people, places, organizations):</source>
        <translation>النتائج على {held_out} (الأشخاص والأماكن والمنظمات):</translation>
    </message>
    <message>
        <source>Current model: F1 {f1}</source>
        <translation>النموذج الحالي: F1 ‏{f1}</translation>
    </message>
    <message>
        <source>New model: F1 {f1}</source>
        <translation>النموذج الجديد: F1 ‏{f1}</translation>
    </message>
    <message>
        <source>Collecting your corrected sentences…</source>
        <translation>جارٍ جمع جملك المصححة…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>جارٍ التدريب…</translation>
    </message>
    <message>
        <source>Scoring the current model…</source>
        <translation>جارٍ تقييم النموذج الحالي…</translation>
    </message>
    <message>
        <source>Scoring the new model…</source>
        <translation>جارٍ تقييم النموذج الجديد…</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Show:</source>
        <translation>إظهار:</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>ظاهر</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>مخفي</translation>
    </message>
    <message>
        <source>{label}: {count} mentions, {state} (Alt+{number})</source>
        <translation>{label}: {count} مرة، {state} (Alt+{number})</translation>
    </message>
</context>
<context>
    <name>LexiconDialog</name>
    <message>
        <source>Lexicon</source>
        <translation>المعجم</translation>
    </message>
    <message>
        <source>Names to always tag with a type, or never tag, in every article. Diacritics, letter variants and attached و ب ل ك ال are ignored.</source>
        <translation>أسماء تُميَّز دائمًا بنوع معيّن، أو لا تُميَّز أبدًا، في كل مقالة. يُتجاهَل التشكيل وصور الحروف وما يتصل بها من و ب ل ك ال.</translation>
    </message>
    <message>
        <source>Filter entries…</source>
        <translation>تصفية المدخلات…</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Tag as</source>
        <translation>التمييز</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;حذف</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>&amp;استيراد CSV…</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;تصدير CSV…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source>“{text}” is already in the lexicon</source>
        <translation>«{text}» موجود في المعجم</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n entries.</source>
        <translation>
            <numerusform>لم يُحذف شيء.</numerusform>
            <numerusform>حُذف مدخل واحد.</numerusform>
            <numerusform>حُذف مدخلان.</numerusform>
            <numerusform>حُذفت %n مدخلات.</numerusform>
            <numerusform>حُذف %n مدخلًا.</numerusform>
            <numerusform>حُذف %n مدخل.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n entries.</source>
        <translation>
            <numerusform>لم يُستورد شيء.</numerusform>
            <numerusform>استُورد مدخل واحد.</numerusform>
            <numerusform>استُورد مدخلان.</numerusform>
            <numerusform>استُوردت %n مدخلات.</numerusform>
            <numerusform>استُورد %n مدخلًا.</numerusform>
            <numerusform>استُورد %n مدخل.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries.</source>
        <translation>
            <numerusform>لم يُصدَّر شيء.</numerusform>
            <numerusform>صُدِّر مدخل واحد.</numerusform>
            <numerusform>صُدِّر مدخلان.</numerusform>
            <numerusform>صُدِّرت %n مدخلات.</numerusform>
            <numerusform>صُدِّر %n مدخلًا.</numerusform>
            <numerusform>صُدِّر %n مدخل.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Lexicon</source>
        <translation>استيراد المعجم</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV ‏(*.csv)</translation>
    </message>
    <message>
        <source>Export Lexicon</source>
        <translation>تصدير المعجم</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Open…</source>
        <extracomment>Edit ▸ Mark Selection As: keys 1–4, meant for the reading view only (the window adds them to it: a 1 typed in the filter box stays a 1).</extracomment>
        <translation>&amp;فتح…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <source>Export the analysis as HTML, JSON or CSV</source>
        <translation>تصدير التحليل بصيغة HTML أو JSON أو CSV</translation>
    </message>
    <message>
        <source>&amp;Stop Analysis</source>
        <translation>&amp;إيقاف التحليل</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;نسخ</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>البحث عن ال&amp;تالي</translation>
    </message>
    <message>
        <source>Find &amp;Previous</source>
        <translation>البحث عن ال&amp;سابق</translation>
    </message>
    <message>
        <source>Filter &amp;Entities</source>
        <translation>تص&amp;فية الكيانات</translation>
    </message>
    <message>
        <source>&amp;Next Mention</source>
        <translation>الموضع ال&amp;تالي</translation>
    </message>
    <message>
        <source>Next mention of the selected entity</source>
        <translation>الموضع التالي للكيان المحدد</translation>
    </message>
    <message>
        <source>&amp;Previous Mention</source>
        <translation>الموضع ال&amp;سابق</translation>
    </message>
    <message>
        <source>Previous mention of the selected entity</source>
        <translation>الموضع السابق للكيان المحدد</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;تكبير</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>الحجم ال&amp;فعلي</translation>
    </message>
    <message>
        <source>Other &amp;Font…</source>
        <translation>&amp;خط آخر…</translation>
    </message>
    <message>
        <source>Choose the reading font and size</source>
        <translation>اختيار خط القراءة وحجمه</translation>
    </message>
    <message>
        <source>Also Use the &amp;BERT Recognizer</source>
        <translation>استخدام أداة &amp;BERT أيضًا</translation>
    </message>
    <message>
        <source>After the offline model, run camel-tools&apos; BERT recognizer: slower, often more accurate</source>
        <translation>بعد النموذج غير المتصل، شغّل أداة التعرّف BERT من camel-tools: أبطأ، وغالبًا أدق</translation>
    </message>
    <message>
        <source>&amp;Entities Panel</source>
        <translation>لوحة ال&amp;كيانات</translation>
    </message>
    <message>
        <source>&amp;About Arabic Reader</source>
        <translation>&amp;حول القارئ العربي</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>ت&amp;راجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;إعادة</translation>
    </message>
    <message>
        <source>Mark the selected text as {type}</source>
        <translation>تعليم النص المحدد: {type}</translation>
    </message>
    <message>
        <source>&amp;Lexicon…</source>
        <translation>&amp;المعجم…</translation>
    </message>
    <message>
        <source>Names to always tag with a type, or never, in every article</source>
        <translation>أسماء تُميَّز دائمًا بنوع معيّن، أو لا تُميَّز أبدًا، في كل مقالة</translation>
    </message>
    <message>
        <source>&amp;Improve the Model with My Corrections…</source>
        <translation>&amp;تحسين النموذج بتصحيحاتي…</translation>
    </message>
    <message>
        <source>Retrain the offline model on its data and your corrected articles</source>
        <translation>إعادة تدريب النموذج المحلي على بياناته ومقالاتك المصححة</translation>
    </message>
    <message>
        <source>&amp;Reset to the Shipped Model</source>
        <translation>&amp;العودة إلى النموذج المرفق</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>الملفات ال&amp;أخيرة</translation>
    </message>
    <message>
        <source>Reopen with E&amp;ncoding</source>
        <translation>إعادة الفتح بت&amp;رميز</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;Mark Selection As</source>
        <translation>تع&amp;ليم المحدد</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>Fo&amp;nt</source>
        <translation>ال&amp;خط</translation>
    </message>
    <message>
        <source>&amp;Highlight Types</source>
        <translation>&amp;أنواع الإبراز</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;انتقال</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;أدوات</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>&amp;Automatic ({family})</source>
        <translation>&amp;تلقائي ({family})</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>شريط الأدوات الرئيسي</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;السمة</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>اتباع &amp;النظام</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;فاتحة</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;داكنة</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>&amp;مسح القائمة</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <source>Stop the analysis (results so far stay)</source>
        <translation>إيقاف التحليل (تبقى النتائج الحالية)</translation>
    </message>
    <message>
        <source>HTML page with highlights</source>
        <translation>صفحة HTML مع الإبراز</translation>
    </message>
    <message>
        <source>JSON analysis data</source>
        <translation>بيانات التحليل بصيغة JSON</translation>
    </message>
    <message>
        <source>CSV entity table</source>
        <translation>جدول الكيانات بصيغة CSV</translation>
    </message>
    <message>
        <source>Open Article</source>
        <translation>فتح مقال</translation>
    </message>
    <message>
        <source>Articles ({suffixes});;All files (*)</source>
        <translation>المقالات ({suffixes});;كل الملفات (*)</translation>
    </message>
    <message>
        <source>{name} already exists.
Do you want to replace it?</source>
        <translation>{name} موجود بالفعل.
هل تريد استبداله؟</translation>
    </message>
    <message>
        <source>No file is open.</source>
        <translation>لا يوجد ملف مفتوح.</translation>
    </message>
    <message>
        <source>Nothing to export yet: the analysis is not finished.</source>
        <translation>لا شيء للتصدير بعد: لم يكتمل التحليل.</translation>
    </message>
    <message>
        <source>Exporting to {path}…</source>
        <translation>جارٍ التصدير إلى {path}…</translation>
    </message>
    <message>
        <source>Export Analysis</source>
        <translation>تصدير التحليل</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>صُدِّر إلى {path}</translation>
    </message>
    <message>
        <source>Opening cancelled.</source>
        <translation>أُلغي الفتح.</translation>
    </message>
    <message>
        <source>BERT stopped: the offline model&apos;s results stay.</source>
        <translation>أُوقف BERT: تبقى نتائج النموذج غير المتصل.</translation>
    </message>
    <message>
        <source>Analysis cancelled: showing the part analyzed so far.</source>
        <translation>أُلغي التحليل: يُعرض الجزء الذي حُلِّل حتى الآن.</translation>
    </message>
    <message>
        <source>Offline results shown; running BERT in the background…</source>
        <translation>تُعرض نتائج النموذج المحلي، ويعمل BERT في الخلفية…</translation>
    </message>
    <message>
        <source>Analysis failed: {message}</source>
        <translation>فشل التحليل: {message}</translation>
    </message>
    <message>
        <source>Wait for the analysis to finish before correcting it.</source>
        <translation>انتظر انتهاء التحليل قبل تصحيحه.</translation>
    </message>
    <message>
        <source>Select the text to mark first.</source>
        <translation>حدد النص المراد تعليمه أولًا.</translation>
    </message>
    <message>
        <source>Back to the shipped model.</source>
        <translation>عدنا إلى النموذج المرفق.</translation>
    </message>
    <message>
        <source>The shipped model is already in use.</source>
        <translation>النموذج المرفق مستخدم بالفعل.</translation>
    </message>
    <message>
        <source>Select an entity in the panel first.</source>
        <translation>اختر كيانًا من اللوحة أولًا.</translation>
    </message>
    <message>
        <source>Reading Font</source>
        <translation>خط القراءة</translation>
    </message>
    <message>
        <source>Mention shown / mentions of the selected entity</source>
        <translation>الموضع المعروض / مواضع الكيان المحدد</translation>
    </message>
    <message>
        <source>Unknown error</source>
        <translation>خطأ غير معروف</translation>
    </message>
    <message>
        <source>Text encoding (File ▸ Reopen with Encoding to change)</source>
        <translation>ترميز النص (لتغييره: ملف ◂ إعادة الفتح بترميز)</translation>
    </message>
    <message>
        <source>Analyzing…</source>
        <translation>جارٍ التحليل…</translation>
    </message>
    <message>
        <source>offline model</source>
        <translation>النموذج المحلي</translation>
    </message>
    <message>
        <source>offline model (CRF + BiLSTM)</source>
        <translation>النموذج المحلي (CRF + BiLSTM)</translation>
    </message>
    <message>
        <source>offline model (CRF)</source>
        <translation>النموذج المحلي (CRF)</translation>
    </message>
    <message>
        <source>offline model (CRF + BiLSTM, with your corrections)</source>
        <translation>النموذج المحلي (CRF + BiLSTM، مع تصحيحاتك)</translation>
    </message>
    <message>
        <source>offline model (CRF, with your corrections)</source>
        <translation>النموذج المحلي (CRF، مع تصحيحاتك)</translation>
    </message>
    <message>
        <source>Recognizer: {name}</source>
        <translation>أداة التعرّف: {name}</translation>
    </message>
    <message>
        <source>{mentions} mentions · {entities} entities</source>
        <translation>المواضع: {mentions} · الكيانات: {entities}</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>جارٍ فتح {name}…</translation>
    </message>
    <message>
        <source>&amp;Library…</source>
        <translation>الم&amp;كتبة…</translation>
    </message>
    <message>
        <source>Every article of your library, and who and what appears in them</source>
        <translation>كل مقالات مكتبتك، ومن وما يرد فيها</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <source>corrected by you</source>
        <extracomment>Preferred fonts, best first; the first one installed is used. Naskh faces first: they are the book and newspaper style, with room for vowel marks. What View ▸ Font offers (those installed): the preferred fonts and a Kufi face.</extracomment>
        <translation>صحّحته أنت</translation>
    </message>
    <message>
        <source>from your lexicon</source>
        <translation>من معجمك</translation>
    </message>
</context>
<context>
    <name>ArticleTableModel</name>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>الكلمات</translation>
    </message>
    <message>
        <source>The article states no date: this is its file&apos;s date.</source>
        <translation>لا تذكر المقالة تاريخها: هذا تاريخ ملفها.</translation>
    </message>
</context>
<context>
    <name>EntityTableModel</name>
    <message>
        <source>Name</source>
        <extracomment>Custom roles: the row's object, and the (before, match, after) of a context line. Characters of context each side of a mention. Article texts kept for context lines.</extracomment>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>مرات الذكر</translation>
    </message>
    <message>
        <source>First</source>
        <translation>أول ظهور</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>آخر ظهور</translation>
    </message>
</context>
<context>
    <name>IndexLogModel</name>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>analyzed</source>
        <translation>حُلِّل</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>حُدِّث</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>لم يتغير</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>تنبيه</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>تعذّر</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>أُزيل</translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <source>&amp;Add Folder…</source>
        <extracomment>While indexing, the lists reload at most this often. The entity index shows names (not figures) until asked otherwise.</extracomment>
        <translation>إ&amp;ضافة مجلد…</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>&amp;تحديث</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>إي&amp;قاف</translation>
    </message>
    <message>
        <source>&amp;Export Entity Table…</source>
        <translation>&amp;تصدير جدول الكيانات…</translation>
    </message>
    <message>
        <source>&amp;Dossier of This Entity…</source>
        <translation>&amp;ملف هذا الكيان…</translation>
    </message>
    <message>
        <source>&amp;Filter Entities</source>
        <translation>&amp;تصفية الكيانات</translation>
    </message>
    <message>
        <source>Library — Arabic Reader</source>
        <translation>المكتبة — القارئ العربي</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>المكتبة</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>الفهرسة</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>مرات الذكر</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>الشبكة</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>الخط الزمني</translation>
    </message>
    <message>
        <source>Filter entities (any spelling)…</source>
        <translation>تصفية الكيانات (بأي كتابة)…</translation>
    </message>
    <message>
        <source>Filter articles by title…</source>
        <translation>تصفية المقالات بالعنوان…</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>الأسماء</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>كل الأنواع</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>حسب اليوم</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>حسب الأسبوع</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>حسب الشهر</translation>
    </message>
    <message>
        <source>None of the articles naming it states its date.</source>
        <translation>لا تذكر أيٌّ من المقالات التي ورد فيها تاريخَها.</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>كُتب: {path}</translation>
    </message>
    <message>
        <source>{articles} articles, {entities} entities</source>
        <translation>المقالات: {articles}، الكيانات: {entities}</translation>
    </message>
    <message>
        <source>Select an entity to see every article and sentence naming it.</source>
        <translation>اختر كيانًا لترى كل مقالة وجملة ورد فيها.</translation>
    </message>
    <message>
        <source>{articles} articles, {mentions} mentions, from {first} to {last}</source>
        <translation>المقالات: {articles}، مرات الذكر: {mentions}، من {first} إلى {last}</translation>
    </message>
    <message>
        <source>Also written: {forms}</source>
        <translation>يُكتب أيضًا: {forms}</translation>
    </message>
    <message>
        <source>Add a Folder of Articles</source>
        <translation>إضافة مجلد مقالات</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>جارٍ الفهرسة…</translation>
    </message>
    <message>
        <source>Indexing: {done} of {total} files ({analyzed} analyzed, {failed} failed)</source>
        <translation>الفهرسة: {done} من {total} ملفًا (حُلِّل {analyzed}، وتعذّر {failed})</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>أُوقفت</translation>
    </message>
    <message>
        <source>Export Entity Table</source>
        <translation>تصدير جدول الكيانات</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;JSON (*.json)</source>
        <translation>جدول CSV ‏(*.csv);;بيانات JSON ‏(*.json)</translation>
    </message>
    <message>
        <source>Write a Dossier</source>
        <translation>كتابة ملف</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>صفحة ويب (*.html)</translation>
    </message>
</context>
<context>
    <name>MentionTableModel</name>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>المقالة</translation>
    </message>
    <message>
        <source>Mention in context</source>
        <translation>الذكر في سياقه</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <source>{description}: a control character, shown and not obeyed</source>
        <translation>{description}: محرف تحكم، يُعرض ولا يُطبَّق</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Open an Arabic article to see its people, places, organizations and figures.</source>
        <translation>افتح مقالًا عربيًا لترى من فيه من أشخاص وأماكن ومنظمات وأرقام.</translation>
    </message>
    <message>
        <source>Open an Article…</source>
        <translation>فتح مقال…</translation>
    </message>
    <message>
        <source>Text, HTML or Markdown (Ctrl+O)</source>
        <translation>نص أو HTML أو Markdown (Ctrl+O)</translation>
    </message>
    <message>
        <source>Recent articles</source>
        <translation>المقالات الأخيرة</translation>
    </message>
    <message>
        <source>Or drop an article here.</source>
        <translation>أو أفلت مقالًا هنا.</translation>
    </message>
</context>
</TS>
